/** Organisers' messages to their events' registrants: written, scheduled, planned when due, listed. */
package org.museumevents.notification.message;

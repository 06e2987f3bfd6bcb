/** What the service knows of the catalog's events: the latest version of each, meeting details included. */
package org.museumevents.notification.event;

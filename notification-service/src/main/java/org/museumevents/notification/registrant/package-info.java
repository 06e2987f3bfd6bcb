/** The registrations of the events, as registration-service last announced them. */
package org.museumevents.notification.registrant;

/** Organiser pages behind the login: events and series, attendees, statistics, the delivery log. */
package org.museumevents.gateway.web.organiser;

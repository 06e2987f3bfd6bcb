/** What an event's organisers see of its registrations: the attendee list (JSON or CSV) and the statistics. */
package org.museumevents.registration.attendees;

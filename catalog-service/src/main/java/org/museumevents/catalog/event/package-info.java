/** Organisations' events: drafting, publication, cancellation, public and organiser views, iCalendar. */
package org.museumevents.catalog.event;

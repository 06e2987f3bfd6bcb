/** How the catalog writes iCalendar text (RFC 5545) once ical4j has built it: content lines folded by octets. */
package org.museumevents.catalog.calendar;

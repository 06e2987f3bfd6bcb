/** Series of events with an RFC 5545 recurrence rule, expanded by ical4j into draft occurrences. */
package org.museumevents.catalog.series;

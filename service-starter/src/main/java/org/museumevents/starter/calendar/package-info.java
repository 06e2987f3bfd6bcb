/**
 * iCalendar text (RFC 5545) as the services write it once ical4j has built it: content lines folded
 * by octets, TEXT values with their line breaks escaped.
 */
package org.museumevents.starter.calendar;

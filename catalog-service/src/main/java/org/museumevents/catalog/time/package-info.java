/** What the catalog accepts as a time zone and as a date: the zones a calendar can name, the years an event can be in. */
package org.museumevents.catalog.time;

/** What this service knows of the catalog's events: organisation, status, dates, capacity, rules and place counters. */
package org.museumevents.registration.event;

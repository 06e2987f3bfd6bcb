package org.museumevents.catalog.event;

public enum EventFormat {
    ONLINE,
    IN_PERSON,
    HYBRID;

    boolean hasVenue() {
        return this != ONLINE;
    }

    boolean isOnline() {
        return this != IN_PERSON;
    }
}

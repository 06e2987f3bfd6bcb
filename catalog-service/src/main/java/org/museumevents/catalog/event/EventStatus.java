package org.museumevents.catalog.event;

public enum EventStatus {
    DRAFT,
    PUBLISHED,
    CANCELLED
}

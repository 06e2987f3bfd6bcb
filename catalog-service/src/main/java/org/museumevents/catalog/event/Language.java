package org.museumevents.catalog.event;

/** The languages of the platform. Lower-case constants so that they read as the JSON keys they are. */
public enum Language {
    fr,
    en,
    es
}

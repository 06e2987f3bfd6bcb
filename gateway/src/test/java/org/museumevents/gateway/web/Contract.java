package org.museumevents.gateway.web;

/**
 * JSON as the services answer it, shaped exactly as in docs/api.md, with the data of the
 * real announcements in the demo catalogue, catalog-service/src/main/resources/demo/catalogue.json
 * (ICOM France's "Solidarity" cycle, session 4).
 */
public final class Contract {

    static final String EVENT_ID = "7f0c2a4e-5b1d-4c3e-9a8f-0d6e1b2c3a41";
    static final String SERIES_ID = "3b9d1e2f-8a7c-4d6e-b5f4-1a2b3c4d5e6f";
    static final String REGISTRATION_ID = "5d1c7a2b-9e3f-4a6b-8c0d-1e2f3a4b5c6d";
    static final String MEETING_URL = "https://us02web.zoom.us/j/82342861023?pwd=MytJZmpaaTIUeEpXdjc4Mko2eXd3UT09";
    static final String PASSCODE = "010934";

    private Contract() {}

    /** The event as its organisers see it: with {@code meeting}. */
    public static String event(String id, String status) {
        return """
                {
                  "id": "%s", "organisation": "icom-france", "status": "%s",
                  "seriesId": "%s",
                  "title": {"fr": "Le numérique est-il solidaire ?", "en": "Is the digital world inclusive?"},
                  "description": {"fr": "Gratuit, accessible, durable... Le numérique est-il solidaire ?",
                                  "en": "Free, accessible, sustainable... Is the digital world inclusive?"},
                  "defaultLanguage": "fr",
                  "format": "ONLINE",
                  "start": "2099-02-16T13:00", "end": "2099-02-16T14:30", "timeZone": "Europe/Paris",
                  "venue": null,
                  "meeting": {"url": "%s", "meetingId": "823 4286 1023", "passcode": "%s"},
                  "capacity": 300,
                  "registration": {"opensAt": null, "closesAt": "2099-02-16T11:00:00Z", "requiresApproval": false, "waitlist": true},
                  "interpretation": ["fr", "en", "es"],
                  "people": [
                    {"name": "Anastasia Chourmouziadi", "affiliation": "University of Aegean", "role": "SPEAKER"},
                    {"name": "Estelle Guille des Buttes", "affiliation": "ICOM France", "role": "MODERATOR"}
                  ],
                  "partners": ["ICOM Finland", "ICOM Greece"], "tags": ["solidarity", "digital"],
                  "reminders": ["P1D", "PT1H"],
                  "startsAt": "2099-02-16T12:00:00Z", "endsAt": "2099-02-16T13:30:00Z",
                  "version": 3
                }"""
                .formatted(id, status, SERIES_ID, MEETING_URL, PASSCODE);
    }

    /** The event as anyone sees it: without {@code meeting}. */
    static String publicEvent(String id) {
        return event(id, "PUBLISHED")
                .replace(
                        "\"meeting\": {\"url\": \"%s\", \"meetingId\": \"823 4286 1023\", \"passcode\": \"%s\"},"
                                .formatted(MEETING_URL, PASSCODE),
                        "");
    }

    static String page(String... items) {
        return """
                {"content": [%s], "page": {"size": 10, "number": 0, "totalElements": %d, "totalPages": %d}}"""
                .formatted(String.join(",", items), items.length, items.length == 0 ? 0 : 1);
    }

    static String series() {
        return """
                {"id": "%s", "organisation": "icom-france",
                 "title": {"fr": "Solidarité, musées : de quoi parle-t-on ?", "en": "Solidarity, museums: what are we talking about?"},
                 "description": {}, "defaultLanguage": "fr",
                 "recurrence": {"rule": "FREQ=MONTHLY;BYDAY=3TU", "start": "2099-01-19T13:00", "durationMinutes": 90, "timeZone": "Europe/Paris"},
                 "events": []}"""
                .formatted(SERIES_ID);
    }

    static String registered(String status, Integer position) {
        return """
                {"id": "%s", "eventId": "%s", "status": "%s", "waitlistPosition": %s, "token": "t0k3n+/="}"""
                .formatted(REGISTRATION_ID, EVENT_ID, status, position);
    }

    static String registration(String id, String status) {
        return """
                {"id": "%s", "eventId": "%s", "status": "%s", "waitlistPosition": null,
                 "name": "Élise Martin", "email": "elise@musee.example", "organisation": "Musée de Dijon",
                 "language": "fr", "timeZone": "Europe/Paris", "interpretationLanguage": "en",
                 "cancelledBy": null, "registeredAt": "2099-01-10T09:00:00Z"}"""
                .formatted(id, EVENT_ID, status);
    }

    static String stats() {
        return """
                {"capacity": 300, "confirmed": 120, "waitlisted": 4, "pending": 2, "cancelled": 7, "rejected": 1,
                 "byLanguage": {"fr": 80, "en": 30, "es": 10}, "byInterpretationLanguage": {"en": 12}}""";
    }
}

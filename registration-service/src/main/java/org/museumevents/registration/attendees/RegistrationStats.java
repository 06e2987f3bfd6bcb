package org.museumevents.registration.attendees;

import java.util.Map;

/**
 * Counts by status; headcounts (confirmed) by language, by interpretation language and, for each
 * current question of kind SINGLE_CHOICE, MULTIPLE_CHOICE, YES_NO or COUNTRY, by answer ({@code
 * byAnswer}: question id to choice id, {@code true}/{@code false} or country code to headcount);
 * {@code attended} (issue 16): confirmed registrations checked in at the door; {@code attendance}
 * (issue 16): confirmed registrations attended (at the door, marked or imported) and absent, in all
 * and per registration language; {@code viaSubscription} (issue 17): active registrations (CONFIRMED,
 * PENDING, WAITLISTED) made by a series subscription.
 */
record RegistrationStats(
        Integer capacity,
        long confirmed,
        long waitlisted,
        long pending,
        long cancelled,
        long rejected,
        Map<String, Long> byLanguage,
        Map<String, Long> byInterpretationLanguage,
        Map<String, Map<String, Long>> byAnswer,
        long attended,
        Attendance attendance,
        long viaSubscription,
        Reconfirmation reconfirmation) {

    /**
     * Issue 17: counts over the event's registrations: {@code asked} to reconfirm, {@code reconfirmed}
     * ("I come"), {@code declined} ("I don't"), {@code silent} (asked, still CONFIRMED, not
     * reconfirmed), {@code released} (RELEASED for silence at the deadline).
     */
    record Reconfirmation(long asked, long reconfirmed, long declined, long silent, long released) {}

    /**
     * @param checkedIn CONFIRMED registrations attended
     * @param absent CONFIRMED registrations not attended
     * @param byLanguage the same per registration language (only languages with CONFIRMED ones)
     */
    record Attendance(long checkedIn, long absent, Map<String, Counts> byLanguage) {}

    /** One language's attended ({@code checkedIn}) and not ({@code absent}) CONFIRMED registrations. */
    record Counts(long checkedIn, long absent) {}
}

package org.museumevents.registration.attendees;

import java.util.Map;

/**
 * Counts by status; headcounts (confirmed) by language, by interpretation language and, for each
 * current question of kind SINGLE_CHOICE, MULTIPLE_CHOICE, YES_NO or COUNTRY, by answer ({@code
 * byAnswer}: question id to choice id, {@code true}/{@code false} or country code to headcount);
 * {@code attended} (issue 16): confirmed registrations checked in at the door.
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
        long attended) {}

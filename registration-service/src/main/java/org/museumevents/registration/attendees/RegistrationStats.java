package org.museumevents.registration.attendees;

import java.util.Map;

/** Counts by status; headcounts (confirmed) by language and by interpretation language. */
record RegistrationStats(
        Integer capacity,
        long confirmed,
        long waitlisted,
        long pending,
        long cancelled,
        long rejected,
        Map<String, Long> byLanguage,
        Map<String, Long> byInterpretationLanguage) {}

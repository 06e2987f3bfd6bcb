package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** Counts by status; confirmed headcounts by language and by interpretation language. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationStats(
        Integer capacity,
        long confirmed,
        long waitlisted,
        long pending,
        long cancelled,
        long rejected,
        Map<String, Long> byLanguage,
        Map<String, Long> byInterpretationLanguage) {

    public RegistrationStats {
        byLanguage = byLanguage == null ? Map.of() : byLanguage;
        byInterpretationLanguage = byInterpretationLanguage == null ? Map.of() : byInterpretationLanguage;
    }

    /** Places not yet taken by confirmed or pending registrations; null when unlimited. */
    public Long placesLeft() {
        return capacity == null ? null : Math.max(0, capacity - confirmed - pending);
    }
}

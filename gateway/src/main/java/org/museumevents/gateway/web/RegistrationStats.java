package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Counts by status; confirmed headcounts by language, by interpretation language and, for each
 * choice, yes/no or country question, by answer ({@code byAnswer}: question id, then choice id,
 * {@code true}/{@code false} or country code, in the service's order).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationStats(
        Integer capacity,
        long confirmed,
        long waitlisted,
        long pending,
        long cancelled,
        long rejected,
        Map<String, Long> byLanguage,
        Map<String, Long> byInterpretationLanguage,
        Map<String, Map<String, Long>> byAnswer) {

    public RegistrationStats {
        byLanguage = byLanguage == null ? Map.of() : byLanguage;
        byInterpretationLanguage = byInterpretationLanguage == null ? Map.of() : byInterpretationLanguage;
        byAnswer = byAnswer == null ? Map.of() : byAnswer;
    }

    /** Places not yet taken by confirmed or pending registrations; null when unlimited. */
    public Long placesLeft() {
        return capacity == null ? null : Math.max(0, capacity - confirmed - pending);
    }
}

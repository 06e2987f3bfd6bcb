package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Counts by status; confirmed headcounts by language, by interpretation language and, for each
 * choice, yes/no or country question, by answer ({@code byAnswer}: question id, then choice id,
 * {@code true}/{@code false} or country code, in the service's order). Issue 16: {@code attended}
 * (confirmed and checked in) and {@code attendance} (checked in and absent among the confirmed,
 * also by language); null from a service that does not count them yet. Issue 17: {@code released}
 * (places given back after an unanswered reconfirmation), {@code viaSubscription} (active
 * registrations made by a series subscription) and {@code reconfirmation} (its counts); null from a
 * service that does not count them yet.
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
        Map<String, Map<String, Long>> byAnswer,
        Long attended,
        Attendance attendance,
        Long released,
        Long viaSubscription,
        Reconfirmation reconfirmation) {

    /**
     * The reconfirmation counts over the event's registrations (docs/api.md, issue 17): asked,
     * answered yes, answered no, asked and still silent (confirmed, not reconfirmed), released.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconfirmation(long asked, long reconfirmed, long declined, long silent, long released) {}

    /** Confirmed registrations checked in and absent, in all and by registrant's language. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attendance(long checkedIn, long absent, Map<String, Counts> byLanguage) {

        public Attendance {
            byLanguage = byLanguage == null ? Map.of() : byLanguage;
        }
    }

    /** Checked in and absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(long checkedIn, long absent) {}

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

package org.museumevents.registration.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.registration.attestation.EventDetails;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.ReconfirmationPolicy;
import org.museumevents.starter.messaging.UnreadableMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A message of {@code catalog.events} ({@code EventPublished}, {@code EventUpdated},
 * {@code EventCancelled}), with only the fields this service reads. {@code event.questions} (issue
 * 15) is the event's current list of registration questions; a message without it asks none.
 * {@code event.partnerOrganisations} (issue 16) names the co-organising organisations; none when
 * absent. {@code event.seriesId} (issue 17) is the series the event is an occurrence of, null when none.
 * {@code title}, {@code venue}, {@code timeZone} and {@code organisationName} (if the catalog sends
 * it) are what attestations of attendance print (issue 16).
 * {@code event.registration.reconfirmation} (issue 17): {@code {before, deadline, releaseSilent}}, ISO-8601
 * durations as text; null, absent or unreadable is no reconfirmation.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogMessage(UUID id, String type, Instant occurredAt, CatalogEvent event) {

    private static final Logger log = LoggerFactory.getLogger(CatalogMessage.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogEvent(
            UUID id,
            String organisation,
            String status,
            Integer capacity,
            Rules registration,
            Instant startsAt,
            Instant endsAt,
            Long version,
            List<CatalogQuestion> questions,
            String format,
            List<String> partnerOrganisations,
            Map<String, String> title,
            CatalogVenue venue,
            String timeZone,
            String organisationName,
            UUID seriesId) {}

    /** The venue as the catalog sends it (issue 16: printed on attestations). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogVenue(String name, String address, String city, String country) {}

    /** A registration question as the catalog sends it; the kind is read as text, see {@link #snapshot}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogQuestion(
            String id, String kind, Map<String, String> label, List<CatalogChoice> choices, Boolean required) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogChoice(String id, Map<String, String> label) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rules(
            Instant opensAt, Instant closesAt, Boolean requiresApproval, Boolean waitlist, JsonNode reconfirmation) {}

    void check() {
        if (id == null
                || event == null
                || event.id() == null
                || event.organisation() == null
                || event.status() == null
                || event.startsAt() == null
                || event.endsAt() == null
                || event.version() == null) {
            throw new UnreadableMessage("Incomplete catalog message " + id);
        }
    }

    EventSnapshot snapshot() {
        Rules rules = event.registration() == null ? new Rules(null, null, false, true, null) : event.registration();
        return new EventSnapshot(
                event.id(),
                event.organisation(),
                event.status(),
                event.capacity(),
                Boolean.TRUE.equals(rules.requiresApproval()),
                !Boolean.FALSE.equals(rules.waitlist()),
                rules.opensAt(),
                rules.closesAt(),
                event.startsAt(),
                event.endsAt(),
                event.version(),
                questions(),
                event.format(),
                event.partnerOrganisations() == null
                        ? List.of()
                        : event.partnerOrganisations().stream()
                                .filter(Objects::nonNull)
                                .toList(),
                event.seriesId(),
                reconfirmation(rules.reconfirmation()));
    }

    /**
     * The event's reconfirmation policy (issue 17), read leniently: {@code null}, absent or
     * unreadable (not an object, a duration that does not parse, {@code before} not after {@code
     * deadline}) is no reconfirmation, logged with the event's id only, rather than the whole event
     * being unreadable.
     */
    private ReconfirmationPolicy reconfirmation(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Optional<ReconfirmationPolicy> policy = node.isObject()
                ? ReconfirmationPolicy.of(
                        text(node.get("before")),
                        text(node.get("deadline")),
                        node.has("releaseSilent") && node.get("releaseSilent").isBoolean()
                                ? node.get("releaseSilent").booleanValue()
                                : null)
                : Optional.empty();
        if (policy.isEmpty()) {
            log.warn("Unreadable reconfirmation policy of event {}: treated as none", event.id());
        }
        return policy.orElse(null);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    /** What attestations say of the event (issue 16); the parts the message leaves out are null. */
    EventDetails details() {
        CatalogVenue venue = event.venue();
        return new EventDetails(
                event.title(),
                venue == null
                        ? null
                        : new EventDetails.Venue(venue.name(), venue.address(), venue.city(), venue.country()),
                event.timeZone(),
                event.organisationName());
    }

    /**
     * The catalog checks its questions (docs/api.md); a question this service cannot judge answers
     * by (no id, a kind it does not know, from a newer catalog) is left out rather than making the
     * whole event unreadable: an answer to it is then refused as an unknown question.
     */
    private List<Question> questions() {
        if (event.questions() == null) {
            return List.of();
        }
        return event.questions().stream()
                .filter(Objects::nonNull)
                .filter(q -> q.id() != null && isKnownKind(q.kind()))
                .map(q -> new Question(
                        q.id(),
                        Question.Kind.valueOf(q.kind()),
                        q.label(),
                        q.choices() == null
                                ? List.of()
                                : q.choices().stream()
                                        .filter(c -> c != null && c.id() != null)
                                        .map(c -> new Question.Choice(c.id(), c.label()))
                                        .toList(),
                        Boolean.TRUE.equals(q.required())))
                .toList();
    }

    private static boolean isKnownKind(String kind) {
        return Arrays.stream(Question.Kind.values()).anyMatch(k -> k.name().equals(kind));
    }
}

package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event as the catalog answers it (docs/api.md). {@code meeting} is present only in
 * answers to the event's organisers; public pages never ask with a token and drop it anyway.
 * {@code partnerOrganisations} are the slugs of the organisations that co-organise it (issue 16):
 * their organisers read its attendees and check people in.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(
        UUID id,
        String organisation,
        UUID seriesId,
        String status,
        Map<String, String> title,
        Map<String, String> description,
        String defaultLanguage,
        String format,
        LocalDateTime start,
        LocalDateTime end,
        String timeZone,
        Venue venue,
        Meeting meeting,
        Integer capacity,
        Window registration,
        List<String> interpretation,
        List<Person> people,
        List<String> partners,
        List<String> tags,
        List<String> reminders,
        List<Question> questions,
        FollowUp followUp,
        Instant startsAt,
        Instant endsAt,
        List<String> partnerOrganisations,
        long version) {

    public Event {
        title = title == null ? Map.of() : title;
        description = description == null ? Map.of() : description;
        registration = registration == null ? new Window(null, null, false, true) : registration;
        interpretation = interpretation == null ? List.of() : interpretation;
        people = people == null ? List.of() : people;
        partners = partners == null ? List.of() : partners;
        tags = tags == null ? List.of() : tags;
        reminders = reminders == null ? List.of() : reminders;
        questions = questions == null ? List.of() : questions;
        partnerOrganisations = partnerOrganisations == null ? List.of() : partnerOrganisations;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Venue(String name, String address, String city, String country) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meeting(String url, String meetingId, String passcode) {}

    /**
     * The registration window and its rules ({@code registration} in the JSON); {@code
     * reconfirmation} null when the event asks none (issue 17), and then not sent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(
            Instant opensAt,
            Instant closesAt,
            Boolean requiresApproval,
            Boolean waitlist,
            @JsonInclude(JsonInclude.Include.NON_NULL) Reconfirmation reconfirmation) {

        public Window {
            requiresApproval = requiresApproval != null && requiresApproval;
            waitlist = waitlist == null || waitlist;
        }

        public Window(Instant opensAt, Instant closesAt, Boolean requiresApproval, Boolean waitlist) {
            this(opensAt, closesAt, requiresApproval, waitlist, null);
        }
    }

    /**
     * An event's reconfirmation policy (docs/api.md, Catalog: {@code registration.reconfirmation},
     * issue 17): its confirmed registrants are asked {@code before} the start whether they still
     * come, must answer {@code deadline} before the start, and with {@code releaseSilent} those
     * who stay silent (after a reminder) give their place back to the waiting list.
     *
     * @param before an ISO-8601 duration such as {@code P3D}, above {@code deadline}
     * @param deadline an ISO-8601 duration such as {@code P1D}, {@code PT0S} or more
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconfirmation(String before, String deadline, Boolean releaseSilent) {

        public Reconfirmation {
            releaseSilent = releaseSilent != null && releaseSilent;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String name, String affiliation, String role) {}

    /**
     * A registration question the organiser asks (docs/api.md, Catalog: {@code questions}).
     *
     * @param id stable across edits; answers are keyed by it ({@code answers.<id>})
     * @param kind {@code TEXT}, {@code LONG_TEXT}, {@code SINGLE_CHOICE}, {@code MULTIPLE_CHOICE},
     *     {@code YES_NO} or {@code COUNTRY}
     * @param label by language ({@code fr}, {@code en}, {@code es}), at least one
     * @param choices for the two choice kinds, empty otherwise
     * @param required whether a registration must answer it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Question(String id, String kind, Map<String, String> label, List<Choice> choices, boolean required) {

        public Question {
            label = label == null ? Map.of() : label;
            choices = choices == null ? List.of() : choices;
        }
    }

    /**
     * What the event's confirmed registrants receive a while after its end (docs/api.md, Catalog:
     * {@code followUp}, issue 15); null when none.
     *
     * @param after an ISO-8601 duration after the end, from {@code PT0S} to {@code P30D}
     * @param text by language ({@code fr}, {@code en}, {@code es}), several lines allowed
     * @param links in order, at most 10
     * @param audience who receives it (issue 16): {@code ALL} (null means ALL, and is not sent),
     *     {@code ATTENDED} or {@code ABSENT}
     * @param attestation whether attendees' follow-up links to their attestation of attendance
     *     (null means false, and is not sent)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FollowUp(
            String after, Map<String, String> text, List<Link> links, String audience, Boolean attestation) {

        public FollowUp {
            text = text == null ? Map.of() : text;
            links = links == null ? List.of() : links;
        }

        public FollowUp(String after, Map<String, String> text, List<Link> links) {
            this(after, text, links, null, null);
        }

        /** {@code ALL}, {@code ATTENDED} or {@code ABSENT}. */
        public String audienceOrAll() {
            return audience == null ? "ALL" : audience;
        }

        public boolean withAttestation() {
            return Boolean.TRUE.equals(attestation);
        }
    }

    /** A follow-up's link: what the reader sees, and an absolute http(s) URL. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Link(String label, String url) {}

    /** One choice of a choice question: {@code id} is what an answer names. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(String id, Map<String, String> label) {

        public Choice {
            label = label == null ? Map.of() : label;
        }
    }

    /** Whether a participant may register now, as registration-service decides it. */
    public enum RegistrationState {
        OPEN,
        NOT_OPEN,
        CLOSED,
        CANCELLED,
        /** Full with no waiting list; known from registration-service only. */
        FULL
    }

    public Event withoutMeeting() {
        return meeting == null
                ? this
                : new Event(
                        id,
                        organisation,
                        seriesId,
                        status,
                        title,
                        description,
                        defaultLanguage,
                        format,
                        start,
                        end,
                        timeZone,
                        venue,
                        null,
                        capacity,
                        registration,
                        interpretation,
                        people,
                        partners,
                        tags,
                        reminders,
                        questions,
                        followUp,
                        startsAt,
                        endsAt,
                        partnerOrganisations,
                        version);
    }

    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }

    public Instant startInstant() {
        return startsAt != null ? startsAt : start.atZone(zone()).toInstant();
    }

    public Instant endInstant() {
        return endsAt != null ? endsAt : end.atZone(zone()).toInstant();
    }

    /**
     * @param now the present instant
     * @return whether the event's end is not after {@code now}: its registrations no longer change
     *     (registration-service answers 409 {@code event-ended}, docs/api.md)
     */
    public boolean hasEnded(Instant now) {
        return !endInstant().isAfter(now);
    }

    public boolean isCancelled() {
        return "CANCELLED".equals(status);
    }

    public boolean isDraft() {
        return "DRAFT".equals(status);
    }

    public boolean isOnline() {
        return "ONLINE".equals(format) || "HYBRID".equals(format);
    }

    /**
     * @param organisation an organisation's slug
     * @return whether it is named in {@code partnerOrganisations} (not the owner)
     */
    public boolean isPartner(String organisation) {
        return organisation != null && partnerOrganisations.contains(organisation);
    }

    public boolean isInPerson() {
        return "IN_PERSON".equals(format) || "HYBRID".equals(format);
    }

    public RegistrationState registrationState(Instant now) {
        if (isCancelled()) {
            return RegistrationState.CANCELLED;
        }
        if (!now.isBefore(startInstant())) {
            return RegistrationState.CLOSED;
        }
        if (registration.opensAt() != null && now.isBefore(registration.opensAt())) {
            return RegistrationState.NOT_OPEN;
        }
        if (registration.closesAt() != null && !now.isBefore(registration.closesAt())) {
            return RegistrationState.CLOSED;
        }
        return RegistrationState.OPEN;
    }
}

package org.museumevents.catalog.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.catalog.time.PlausibleDate;
import org.museumevents.catalog.time.TimeZones;
import org.museumevents.starter.input.SingleLine;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * What an organiser writes about an event: the request body of create and replace, and the
 * document stored for it. Every text is bounded, and every one that lands in an email's subject or
 * first lines (titles, people, venue, partners, tags, meeting) is a single line; descriptions may
 * have several. Its {@code questions} follow the rules of {@link Question}, its {@code followUp}
 * those of {@link FollowUp}, its {@code registration.reconfirmation} those of {@link
 * Reconfirmation}; a document stored before there were questions reads with none, one
 * stored before follow-ups with none ({@code null}).
 */
public record EventDetails(
        UUID seriesId,
        @Schema(description = "by language (`fr`, `en`, `es`); one in `defaultLanguage` at least")
                @NotNull
                @Size(min = 1, max = 3)
                Map<Language, @NotNull @SingleLine @Size(max = 300) String> title,
        @Size(max = 3) Map<Language, @NotNull @Size(max = 20_000) String> description,
        @NotNull Language defaultLanguage,
        @NotNull EventFormat format,
        @Schema(description = "local time in `timeZone`, from 2000-01-01 to 2100-12-31", example = "2021-02-16T13:00")
                @NotNull
                @PlausibleDate
                LocalDateTime start,
        @Schema(description = "local time in `timeZone`, from 2000-01-01 to 2100-12-31", example = "2021-02-16T14:30")
                @NotNull
                @PlausibleDate
                LocalDateTime end,
        @Schema(description = "a region-based IANA time zone, or UTC", example = "Europe/Paris")
                @NotBlank
                @Size(max = 64)
                String timeZone,
        @Valid Venue venue,
        @Schema(
                        description = "join details: only the event's organisers see them here; the public view and"
                                + " calendar.ics never carry them, confirmed registrants get them by email")
                @JsonInclude(JsonInclude.Include.NON_NULL)
                @Valid
                Meeting meeting,
        @Schema(description = "null: unlimited") @Min(1) @Max(1_000_000) Integer capacity,
        @Valid Registration registration,
        @Size(max = 10)
                List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code") String>
                        interpretation,
        @Size(max = 50) List<@NotNull @Valid Person> people,
        @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 200) String> partners,
        @Size(max = 30) List<@NotBlank @SingleLine @Size(max = 50) String> tags,
        @Schema(description = "ISO-8601 durations before the start, e.g. `P1D`, `PT1H`") @Size(max = 10)
                List<@NotBlank @Size(max = 20) String> reminders,
        @Schema(
                        description = "what registrants are asked, in this order (issue 15): ids kept across edits,"
                                + " given as q1, q2... where missing; the public sees them")
                @Size(max = Question.MAX_QUESTIONS)
                List<@NotNull @Valid Question> questions,
        @Schema(
                        description = "sent to the registrants confirmed then, `after` the end (issue 15); null: none;"
                                + " the public sees it")
                FollowUp followUp,
        @Schema(
                        description = "organisations (slugs) that co-organise the event (issue 16): their organisers"
                                + " read its attendees and stats and check people in; at most 20, not the event's own"
                                + " organisation; the public sees them",
                        example = "[\"icom-greece\"]")
                @Size(max = MAX_PARTNER_ORGANISATIONS)
                List<@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String> partnerOrganisations) {

    static final Duration LONGEST_REMINDER = Duration.ofDays(60);

    /** An organisation's slug, as the tokens' {@code org} claim names it. */
    public static final String SLUG = "[a-z0-9-]{2,64}";

    public static final String SLUG_MESSAGE = "must be an organisation's slug: 2 to 64 of a-z, 0-9 and -";

    /** The most partner organisations an event names. */
    public static final int MAX_PARTNER_ORGANISATIONS = 20;

    /** An event without partner organisations (as before issue 16). */
    public EventDetails(
            UUID seriesId,
            Map<Language, String> title,
            Map<Language, String> description,
            Language defaultLanguage,
            EventFormat format,
            LocalDateTime start,
            LocalDateTime end,
            String timeZone,
            Venue venue,
            Meeting meeting,
            Integer capacity,
            Registration registration,
            List<String> interpretation,
            List<Person> people,
            List<String> partners,
            List<String> tags,
            List<String> reminders,
            List<Question> questions,
            FollowUp followUp) {
        this(
                seriesId,
                title,
                description,
                defaultLanguage,
                format,
                start,
                end,
                timeZone,
                venue,
                meeting,
                capacity,
                registration,
                interpretation,
                people,
                partners,
                tags,
                reminders,
                questions,
                followUp,
                List.of());
    }

    public EventDetails {
        description = description == null ? Map.of() : description;
        registration = registration == null ? Registration.DEFAULT : registration;
        interpretation = interpretation == null ? List.of() : interpretation;
        people = people == null ? List.of() : people;
        partners = partners == null ? List.of() : partners;
        tags = tags == null ? List.of() : tags;
        reminders = reminders == null ? List.of() : reminders;
        questions = questions == null ? List.of() : Question.withIds(questions);
        partnerOrganisations = partnerOrganisations == null ? List.of() : partnerOrganisations;
    }

    /** Where an in-person or hybrid event takes place; each part one line, as it heads emails. */
    public record Venue(
            @NotBlank @SingleLine @Size(max = 200) String name,
            @SingleLine @Size(max = 300) String address,
            @SingleLine @Size(max = 100) String city,
            @SingleLine @Size(max = 100) String country) {}

    /** How to join an online or hybrid event: its organisers' and confirmed registrants' only. */
    public record Meeting(
            @NotBlank
                    @SingleLine
                    @Size(max = 2000)
                    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                    String url,
            @SingleLine @Size(max = 100) String meetingId,
            @SingleLine @Size(max = 100) String passcode) {}

    /**
     * When registration opens and closes (null: when published, at the start), and how it goes.
     *
     * @param reconfirmation (issue 17) whether and when confirmed registrants are asked to reconfirm,
     *     see {@link Reconfirmation}; null (the default, also for an event stored before issue 17):
     *     never
     */
    public record Registration(
            @PlausibleDate Instant opensAt,
            @PlausibleDate Instant closesAt,
            Boolean requiresApproval,
            Boolean waitlist,
            @Schema(
                            description = "whether confirmed registrants are asked, `before` the start, to reconfirm"
                                    + " by `deadline` (issue 17); null: never")
                    Reconfirmation reconfirmation) {

        static final Registration DEFAULT = new Registration(null, null, false, true);

        public Registration {
            requiresApproval = requiresApproval != null && requiresApproval;
            waitlist = waitlist == null || waitlist;
        }

        /** A registration without reconfirmation (as before issue 17). */
        public Registration(Instant opensAt, Instant closesAt, Boolean requiresApproval, Boolean waitlist) {
            this(opensAt, closesAt, requiresApproval, waitlist, null);
        }
    }

    /** Someone who speaks, moderates or interprets; name and affiliation one line each. */
    public record Person(
            @NotBlank @SingleLine @Size(max = 200) String name,
            @SingleLine @Size(max = 300) String affiliation,
            @NotNull Role role) {}

    public enum Role {
        SPEAKER,
        MODERATOR,
        HOST,
        PANELIST,
        INTERPRETER
    }

    ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    Instant startsAt() {
        return start.atZone(zone()).toInstant();
    }

    Instant endsAt() {
        return end.atZone(zone()).toInstant();
    }

    /**
     * The rules that span fields, checked after the annotations; throws a 400 listing them all.
     *
     * @param organisation the event's own organisation, which cannot be its own partner
     */
    void check(String organisation) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean zoneValid = TimeZones.isAccepted(timeZone);
        if (!zoneValid) {
            problems.add(new FieldProblem("timeZone", TimeZones.RULE));
        }
        if (!end.isAfter(start)) {
            problems.add(new FieldProblem("end", "must be after start"));
        } else if (zoneValid && !endsAt().isAfter(startsAt())) {
            problems.add(new FieldProblem("end", "must be after start in " + timeZone));
        }
        String defaultTitle = title.get(defaultLanguage);
        if (TextRules.isBlank(defaultTitle)) {
            problems.add(new FieldProblem("title." + defaultLanguage, "the default language needs a title"));
        }
        if (format.hasVenue() && venue == null) {
            problems.add(new FieldProblem("venue", "is required for " + format + " events"));
        }
        if (registration.opensAt() != null
                && registration.closesAt() != null
                && !registration.closesAt().isAfter(registration.opensAt())) {
            problems.add(new FieldProblem("registration.closesAt", "must be after registration.opensAt"));
        }
        for (int i = 0; i < reminders.size(); i++) {
            try {
                Duration offset = Duration.parse(reminders.get(i));
                if (offset.isNegative() || offset.isZero() || offset.compareTo(LONGEST_REMINDER) > 0) {
                    problems.add(new FieldProblem("reminders[" + i + "]", "must be between PT1M and P60D"));
                }
            } catch (DateTimeParseException e) {
                problems.add(
                        new FieldProblem("reminders[" + i + "]", "must be an ISO-8601 duration such as P1D or PT1H"));
            }
        }
        problems.addAll(Reconfirmation.problems(registration.reconfirmation(), "registration.reconfirmation"));
        problems.addAll(Question.problems(questions, "questions"));
        problems.addAll(FollowUp.problems(followUp, "followUp"));
        problems.addAll(partnerProblems(partnerOrganisations, organisation, "partnerOrganisations"));
        if (!problems.isEmpty()) {
            throw new InvalidFields(problems);
        }
    }

    EventDetails withoutMeeting() {
        return new EventDetails(
                seriesId,
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
                partnerOrganisations);
    }

    /**
     * Partner organisations' rules beyond each slug's form (issue 16): no slug twice, and not the
     * event's own organisation.
     *
     * @param partners the slugs as given (null: none)
     * @param organisation the event's (or series') own organisation
     * @param field the list's field name, e.g. {@code eventDefaults.partnerOrganisations}
     * @return one problem per offending entry, named {@code <field>[i]}
     */
    public static List<FieldProblem> partnerProblems(List<String> partners, String organisation, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        if (partners == null) {
            return problems;
        }
        for (int i = 0; i < partners.size(); i++) {
            String partner = partners.get(i);
            if (partner == null) {
                continue;
            }
            if (partner.equals(organisation)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must not be the event's own organisation"));
            } else if (partners.subList(0, i).contains(partner)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must not be named twice"));
            }
        }
        return problems;
    }

    /** Lower-cased words a participant may search for. */
    String searchText() {
        StringBuilder text = new StringBuilder();
        title.values().forEach(t -> text.append(t).append(' '));
        description.values().forEach(d -> text.append(d).append(' '));
        people.forEach(p -> text.append(p.name())
                .append(' ')
                .append(p.affiliation() == null ? "" : p.affiliation())
                .append(' '));
        partners.forEach(p -> text.append(p).append(' '));
        tags.forEach(t -> text.append(t).append(' '));
        if (venue != null) {
            text.append(venue.name()).append(' ').append(venue.city() == null ? "" : venue.city());
        }
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }
}

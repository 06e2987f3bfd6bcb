package org.museumevents.catalog.series;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.museumevents.catalog.event.EventDetails;
import org.museumevents.catalog.event.EventFormat;
import org.museumevents.catalog.event.FollowUp;
import org.museumevents.catalog.event.Language;
import org.museumevents.catalog.event.Question;
import org.museumevents.catalog.event.Reconfirmation;
import org.museumevents.starter.input.SingleLine;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * What an organiser writes about a series: its texts, its recurrence, and optional defaults that
 * each new occurrence starts from (the organiser then edits each session's theme and speakers),
 * its registration questions, follow-up and (issue 17) reconfirmation policy among them.
 */
public record SeriesDetails(
        @NotNull @Size(min = 1, max = 3) Map<Language, @NotNull @SingleLine @Size(max = 300) String> title,
        @Size(max = 3) Map<Language, @NotNull @Size(max = 20_000) String> description,
        Language defaultLanguage,
        @NotNull @Valid Recurrence recurrence,
        @Valid EventDefaults eventDefaults) {

    public SeriesDetails {
        description = description == null ? Map.of() : description;
        eventDefaults = eventDefaults == null ? EventDefaults.NONE : eventDefaults;
        if (defaultLanguage == null && title != null && !title.isEmpty()) {
            defaultLanguage = title.containsKey(Language.fr)
                    ? Language.fr
                    : title.keySet().iterator().next();
        }
    }

    /**
     * Fields each occurrence starts with. The {@code meeting} is as secret as an event's: only the
     * series' organisers see it (see {@link #withoutMeeting()}).
     */
    public record EventDefaults(
            EventFormat format,
            @Valid EventDetails.Venue venue,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Valid EventDetails.Meeting meeting,
            @Min(1) @Max(1_000_000) Integer capacity,
            @Valid EventDetails.Registration registration,
            @Size(max = 10)
                    List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be a two-letter language code") String>
                            interpretation,
            @Size(max = 50) List<EventDetails.@NotNull @Valid Person> people,
            @Size(max = 50) List<@NotBlank @SingleLine @Size(max = 200) String> partners,
            @Size(max = 30) List<@NotBlank @SingleLine @Size(max = 50) String> tags,
            @Size(max = 10) List<@NotBlank @Size(max = 20) String> reminders,
            @Schema(description = "the questions each occurrence asks, as an event's (issue 15)")
                    @Size(max = Question.MAX_QUESTIONS)
                    List<@NotNull @Valid Question> questions,
            @Schema(description = "the follow-up each occurrence sends, as an event's (issue 15); null: none")
                    FollowUp followUp,
            @Schema(description = "the partner organisations each occurrence names, as an event's (issue 16)")
                    @Size(max = EventDetails.MAX_PARTNER_ORGANISATIONS)
                    List<@NotNull @Pattern(regexp = EventDetails.SLUG, message = EventDetails.SLUG_MESSAGE) String>
                            partnerOrganisations) {

        static final EventDefaults NONE =
                new EventDefaults(null, null, null, null, null, null, null, null, null, null, null, null, null);

        /** Defaults without partner organisations (as before issue 16). */
        public EventDefaults(
                EventFormat format,
                EventDetails.Venue venue,
                EventDetails.Meeting meeting,
                Integer capacity,
                EventDetails.Registration registration,
                List<String> interpretation,
                List<EventDetails.Person> people,
                List<String> partners,
                List<String> tags,
                List<String> reminders,
                List<Question> questions,
                FollowUp followUp) {
            this(
                    format,
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
                    null);
        }

        /**
         * Gives the questions their ids once, with the series: every occurrence then asks the same
         * questions under the same ids.
         */
        public EventDefaults {
            questions = questions == null ? List.of() : Question.withIds(questions);
            partnerOrganisations = partnerOrganisations == null ? List.of() : partnerOrganisations;
        }

        EventDefaults withoutMeeting() {
            return new EventDefaults(
                    format,
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
    }

    /** The series as anyone may see it: the same, without the defaults' meeting secrets. */
    SeriesDetails withoutMeeting() {
        return new SeriesDetails(title, description, defaultLanguage, recurrence, eventDefaults.withoutMeeting());
    }

    void check() {
        check(null);
    }

    /** @param organisation the series' organisation, which cannot be a partner of its occurrences */
    void check(String organisation) {
        List<FieldProblem> problems = new ArrayList<>(recurrence.problems("recurrence."));
        problems.addAll(EventDetails.partnerProblems(
                eventDefaults.partnerOrganisations(), organisation, "eventDefaults.partnerOrganisations"));
        problems.addAll(Question.problems(eventDefaults.questions(), "eventDefaults.questions"));
        problems.addAll(FollowUp.problems(eventDefaults.followUp(), "eventDefaults.followUp"));
        if (eventDefaults.registration() != null) {
            problems.addAll(Reconfirmation.problems(
                    eventDefaults.registration().reconfirmation(), "eventDefaults.registration.reconfirmation"));
        }
        if (defaultLanguage != null && TextRules.isBlank(title.get(defaultLanguage))) {
            problems.add(new FieldProblem("title." + defaultLanguage, "the default language needs a title"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFields(problems);
        }
    }

    /** The draft event of one occurrence starting at {@code start}. */
    EventDetails occurrence(java.util.UUID seriesId, java.time.LocalDateTime start) {
        EventDefaults d = eventDefaults;
        return new EventDetails(
                seriesId,
                title,
                description,
                defaultLanguage,
                d.format() == null ? EventFormat.ONLINE : d.format(),
                start,
                start.plusMinutes(recurrence.durationMinutes()),
                recurrence.timeZone(),
                d.venue(),
                d.meeting(),
                d.capacity(),
                d.registration(),
                d.interpretation(),
                d.people(),
                d.partners(),
                d.tags(),
                d.reminders(),
                d.questions(),
                d.followUp(),
                d.partnerOrganisations());
    }
}

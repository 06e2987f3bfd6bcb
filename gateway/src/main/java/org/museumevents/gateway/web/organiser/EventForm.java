package org.museumevents.gateway.web.organiser;

import static org.museumevents.gateway.web.organiser.FormValues.LOCAL_DATE_TIME;
import static org.museumevents.gateway.web.organiser.FormValues.blank;
import static org.museumevents.gateway.web.organiser.FormValues.texts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;

/**
 * Every field of an event as an organiser types it. Dates are {@code datetime-local} values in the
 * event's own time zone; lists are typed one per line or comma-separated. Errors are keyed by the
 * contract's field names ({@code title.fr}, {@code registration.closesAt}, {@code people[0].name}),
 * the names the catalog's problems use.
 */
public class EventForm {

    static final int BLANK_PEOPLE_ROWS = 3;

    /** The follow-up's link rows the editor offers (the catalog takes up to 10; a few are enough here). */
    static final int LINK_ROWS = 3;

    /** The longest follow-up delay the catalog accepts, P30D, in hours. */
    static final int MAX_FOLLOW_UP_HOURS = 720;

    /** Who receives the follow-up (issue 16: the catalog's {@code followUp.audience}). */
    static final List<String> AUDIENCES = List.of("ALL", "ATTENDED", "ABSENT");

    /**
     * The hours an organiser may type: a plain number, up to 3 digits and 4 decimals (a point or a
     * comma). Anything else (an exponent, a sign, thousands of digits) is refused before any
     * arithmetic, so no post can make the gateway compute with an unbounded number.
     */
    private static final Pattern PLAIN_HOURS = Pattern.compile("\\d{1,3}(?:[.,]\\d{1,4})?");

    /** The longest stored delay carried back by the form; longer is no duration the catalog holds. */
    private static final int MAX_AFTER_LENGTH = 40;

    private String seriesId;
    private String titleFr;
    private String titleEn;
    private String titleEs;
    private String descriptionFr;
    private String descriptionEn;
    private String descriptionEs;
    private String defaultLanguage = "fr";
    private String format = "ONLINE";
    private String start;
    private String end;
    private String timeZone = "Europe/Paris";
    private String venueName;
    private String venueAddress;
    private String venueCity;
    private String venueCountry;
    private String meetingUrl;
    private String meetingId;
    private String meetingPasscode;
    private String capacity;
    private String opensAt;
    private String closesAt;
    private boolean requiresApproval;
    private boolean waitlist = true;
    /** Issue 17: whether confirmed registrants are asked to reconfirm, and the policy's durations. */
    private boolean reconfirmation;

    private String reconfirmationBefore = "P3D";
    private String reconfirmationDeadline = "P1D";
    private boolean reconfirmationReleaseSilent;
    private String interpretation;
    private List<PersonRow> people = new ArrayList<>();
    private String partners;
    private String tags;
    private String reminders = "P1D, PT1H";
    private List<QuestionRow> questions = new ArrayList<>();
    private String questionAction;
    private String followUpHours;
    private String followUpAfter;
    private String followUpTextFr;
    private String followUpTextEn;
    private String followUpTextEs;
    private List<LinkRow> followUpLinks = new ArrayList<>();
    private String followUpAudience = "ALL";
    private boolean followUpAttestation;
    private String partnerOrganisations;
    private String etag;

    /** The request body of {@code POST /api/events} and {@code PUT /api/events/{id}}. */
    public record EventBody(
            UUID seriesId,
            Map<String, String> title,
            Map<String, String> description,
            String defaultLanguage,
            String format,
            String start,
            String end,
            String timeZone,
            Event.Venue venue,
            Event.Meeting meeting,
            Integer capacity,
            Event.Window registration,
            List<String> interpretation,
            List<Event.Person> people,
            List<String> partners,
            List<String> tags,
            List<String> reminders,
            List<QuestionRow.QuestionBody> questions,
            Event.FollowUp followUp,
            // Issue 16: sent only when some are named, so that a catalog without partners accepts the body.
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> partnerOrganisations) {}

    static EventForm of(Event event, String etag) {
        EventForm form = new EventForm();
        ZoneId zone = event.zone();
        form.seriesId = event.seriesId() == null ? null : event.seriesId().toString();
        form.titleFr = event.title().get("fr");
        form.titleEn = event.title().get("en");
        form.titleEs = event.title().get("es");
        form.descriptionFr = event.description().get("fr");
        form.descriptionEn = event.description().get("en");
        form.descriptionEs = event.description().get("es");
        form.defaultLanguage = event.defaultLanguage();
        form.format = event.format();
        form.start = event.start() == null ? null : LOCAL_DATE_TIME.format(event.start());
        form.end = event.end() == null ? null : LOCAL_DATE_TIME.format(event.end());
        form.timeZone = event.timeZone();
        if (event.venue() != null) {
            form.venueName = event.venue().name();
            form.venueAddress = event.venue().address();
            form.venueCity = event.venue().city();
            form.venueCountry = event.venue().country();
        }
        if (event.meeting() != null) {
            form.meetingUrl = event.meeting().url();
            form.meetingId = event.meeting().meetingId();
            form.meetingPasscode = event.meeting().passcode();
        }
        form.capacity = event.capacity() == null ? null : event.capacity().toString();
        Event.Window window = event.registration();
        form.opensAt = window.opensAt() == null
                ? null
                : LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(window.opensAt(), zone));
        form.closesAt = window.closesAt() == null
                ? null
                : LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(window.closesAt(), zone));
        form.requiresApproval = window.requiresApproval();
        form.waitlist = window.waitlist();
        if (window.reconfirmation() != null) {
            form.reconfirmation = true;
            form.reconfirmationBefore = window.reconfirmation().before();
            form.reconfirmationDeadline = window.reconfirmation().deadline();
            form.reconfirmationReleaseSilent = window.reconfirmation().releaseSilent();
        }
        form.interpretation = String.join(", ", event.interpretation());
        form.people = new ArrayList<>(event.people().stream()
                .map(p -> new PersonRow(p.name(), p.affiliation(), p.role()))
                .toList());
        form.partners = String.join("\n", event.partners());
        form.partnerOrganisations = String.join(", ", event.partnerOrganisations());
        form.tags = String.join(", ", event.tags());
        form.reminders = String.join(", ", event.reminders());
        form.questions =
                new ArrayList<>(event.questions().stream().map(QuestionRow::of).toList());
        if (event.followUp() != null) {
            form.followUpHours = hours(event.followUp().after());
            form.followUpAfter = event.followUp().after();
            form.followUpTextFr = event.followUp().text().get("fr");
            form.followUpTextEn = event.followUp().text().get("en");
            form.followUpTextEs = event.followUp().text().get("es");
            form.followUpLinks = new ArrayList<>(event.followUp().links().stream()
                    .map(link -> new LinkRow(link.label(), link.url()))
                    .toList());
            form.followUpAudience = event.followUp().audienceOrAll();
            form.followUpAttestation = event.followUp().withAttestation();
        }
        form.etag = etag;
        return form;
    }

    /** Drops the empty people rows, then adds a few for more people: indices then match the service's. */
    void compactPeople() {
        people = new ArrayList<>(people.stream().filter(p -> !p.isBlank()).toList());
    }

    void padPeople() {
        for (int i = 0; i < BLANK_PEOPLE_ROWS; i++) {
            people.add(new PersonRow());
        }
        // The follow-up's links too: what the organiser wrote, then empty rows up to LINK_ROWS.
        followUpLinks = new ArrayList<>(
                followUpLinks.stream().filter(l -> l != null && !l.isBlank()).toList());
        while (followUpLinks.size() < LINK_ROWS) {
            followUpLinks.add(new LinkRow());
        }
    }

    /**
     * The follow-up as the catalog takes it, or null when the organiser wrote none (no hours, text
     * or link). Hours are a number from 0 to {@value #MAX_FOLLOW_UP_HOURS}, up to 4 decimals (1.5 is
     * {@code PT1H30M}); empty link rows are dropped, so the indices the catalog names match the
     * rows shown.
     */
    private Event.FollowUp followUpBody(Map<String, String> errors, PlainWords words) {
        followUpLinks = new ArrayList<>(
                followUpLinks.stream().filter(l -> l != null && !l.isBlank()).toList());
        Map<String, String> text = texts(followUpTextFr, followUpTextEn, followUpTextEs);
        if (blank(followUpHours) && text.isEmpty() && followUpLinks.isEmpty()) {
            return null;
        }
        String after = null;
        if (blank(followUpHours)) {
            errors.put("followUp.after", words.message("form.error.required"));
        } else if (keepsStoredDelay()) {
            // The hours shown were not changed: the stored delay exactly (PT1M30S is shown 0.025,
            // and a delay in seconds must not be rounded by a save that touched something else).
            after = followUpAfter.strip();
        } else {
            String typed = followUpHours.strip();
            if (!PLAIN_HOURS.matcher(typed).matches()) {
                errors.put("followUp.after", words.message("followUp.error.hours", MAX_FOLLOW_UP_HOURS));
            } else {
                BigDecimal hours = new BigDecimal(typed.replace(',', '.'));
                if (hours.compareTo(BigDecimal.valueOf(MAX_FOLLOW_UP_HOURS)) > 0) {
                    errors.put("followUp.after", words.message("followUp.error.hours", MAX_FOLLOW_UP_HOURS));
                } else {
                    long seconds = hours.multiply(BigDecimal.valueOf(3600))
                            .setScale(0, RoundingMode.HALF_UP)
                            .longValueExact();
                    after = Duration.ofSeconds(seconds).toString();
                }
            }
        }
        String audience = followUpAudience == null ? "ALL" : followUpAudience.strip();
        if (!AUDIENCES.contains(audience)) {
            errors.put("followUp.audience", words.message("form.error.required"));
        }
        return new Event.FollowUp(
                after,
                text,
                followUpLinks.stream()
                        .map(l -> new Event.Link(strip(l.getLabel()), strip(l.getUrl())))
                        .toList(),
                "ALL".equals(audience) ? null : audience,
                followUpAttestation ? Boolean.TRUE : null);
    }

    /**
     * Whether the form carries the stored delay ({@code followUpAfter}, an ISO-8601 duration the
     * page was rendered with) and the hours typed are still those shown for it.
     */
    private boolean keepsStoredDelay() {
        if (blank(followUpAfter) || followUpAfter.length() > MAX_AFTER_LENGTH) {
            return false;
        }
        try {
            Duration.parse(followUpAfter.strip());
        } catch (DateTimeParseException e) {
            return false;
        }
        String shown = hours(followUpAfter.strip());
        return shown != null && shown.equals(followUpHours.strip().replace(',', '.'));
    }

    /**
     * A follow-up's delay as hours for the form, up to 4 decimals ({@code PT1H30M} is 1.5,
     * {@code PT1M30S} 0.025); as given when it is no duration.
     */
    static String hours(String after) {
        if (after == null) {
            return null;
        }
        try {
            return BigDecimal.valueOf(Duration.parse(after).getSeconds())
                    .divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        } catch (DateTimeParseException | ArithmeticException e) {
            return after;
        }
    }

    /** The contract's body, or errors for what cannot be read (dates, numbers, a zone). */
    EventBody toBody(Map<String, String> errors, PlainWords words) {
        compactPeople();
        ZoneId zone = null;
        if (blank(timeZone)) {
            errors.put("timeZone", words.message("form.error.required"));
        } else {
            try {
                zone = ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                errors.put("timeZone", words.message("form.error.timeZone"));
            }
        }
        LocalDateTime startAt = localDateTime(start, "start", true, errors, words);
        LocalDateTime endAt = localDateTime(end, "end", true, errors, words);
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            errors.put("end", words.message("event.error.endBeforeStart"));
        }
        Map<String, String> title = texts(titleFr, titleEn, titleEs);
        if (blank(defaultLanguage) || !title.containsKey(defaultLanguage)) {
            errors.put(
                    "title." + (blank(defaultLanguage) ? "fr" : defaultLanguage),
                    words.message("event.error.defaultTitle"));
        }
        Integer places = null;
        if (!blank(capacity)) {
            try {
                places = Integer.valueOf(capacity.strip());
                if (places < 1) {
                    errors.put("capacity", words.message("form.error.positive"));
                }
            } catch (NumberFormatException e) {
                errors.put("capacity", words.message("form.error.number"));
            }
        }
        Instant opens = instant(opensAt, "registration.opensAt", zone, errors, words);
        Instant closes = instant(closesAt, "registration.closesAt", zone, errors, words);
        List<Event.Person> persons = people.stream()
                .map(p -> new Event.Person(strip(p.getName()), strip(p.getAffiliation()), p.getRole()))
                .toList();
        Event.Venue venue = blank(venueName) && blank(venueAddress) && blank(venueCity) && blank(venueCountry)
                ? null
                : new Event.Venue(strip(venueName), strip(venueAddress), strip(venueCity), strip(venueCountry));
        Event.Meeting meeting = blank(meetingUrl) && blank(meetingId) && blank(meetingPasscode)
                ? null
                : new Event.Meeting(strip(meetingUrl), strip(meetingId), strip(meetingPasscode));
        UUID series = null;
        if (!blank(seriesId)) {
            try {
                series = UUID.fromString(seriesId.strip());
            } catch (IllegalArgumentException e) {
                errors.put("seriesId", words.message("form.error.choose"));
            }
        }
        return new EventBody(
                series,
                title,
                texts(descriptionFr, descriptionEn, descriptionEs),
                defaultLanguage,
                format,
                startAt == null ? null : LOCAL_DATE_TIME.format(startAt),
                endAt == null ? null : LOCAL_DATE_TIME.format(endAt),
                strip(timeZone),
                venue,
                meeting,
                places,
                new Event.Window(opens, closes, requiresApproval, waitlist, reconfirmationBody(errors, words)),
                list(interpretation, "[,\\s]+").stream()
                        .map(String::toLowerCase)
                        .toList(),
                persons,
                list(partners, "\\R"),
                list(tags, ","),
                list(reminders, "[,\\s]+").stream().map(String::toUpperCase).toList(),
                questionBodies(errors, words),
                followUpBody(errors, words),
                list(partnerOrganisations, "[,\\s]+").stream()
                        .map(String::toLowerCase)
                        .toList());
    }

    /**
     * The reconfirmation policy as the catalog takes it (docs/api.md, {@code
     * registration.reconfirmation}, issue 17), or null when the organiser asks none. Durations are
     * ISO-8601 as the reminders are ({@code P3D}, {@code PT36H}); the catalog judges their order and
     * bounds, and its errors name the same fields.
     */
    private Event.Reconfirmation reconfirmationBody(Map<String, String> errors, PlainWords words) {
        if (!reconfirmation) {
            return null;
        }
        String before = duration(reconfirmationBefore, "registration.reconfirmation.before", errors, words);
        String deadline = duration(reconfirmationDeadline, "registration.reconfirmation.deadline", errors, words);
        return new Event.Reconfirmation(before, deadline, reconfirmationReleaseSilent);
    }

    /** An ISO-8601 duration as typed (upper-cased), or null with an error when it is none. */
    private static String duration(String value, String field, Map<String, String> errors, PlainWords words) {
        if (blank(value)) {
            errors.put(field, words.message("form.error.required"));
            return null;
        }
        String typed = value.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            if (typed.length() > MAX_AFTER_LENGTH || Duration.parse(typed).isNegative()) {
                throw new DateTimeParseException("not a duration", typed, 0);
            }
            return typed;
        } catch (DateTimeParseException e) {
            errors.put(field, words.message("reconfirmation.error.duration"));
            return null;
        }
    }

    private List<QuestionRow.QuestionBody> questionBodies(Map<String, String> errors, PlainWords words) {
        List<QuestionRow.QuestionBody> bodies = new ArrayList<>();
        if (questions.size() > EventEditorController.MAX_QUESTIONS) {
            errors.put("questions", words.message("question.error.tooMany", EventEditorController.MAX_QUESTIONS));
        }
        for (int i = 0; i < questions.size(); i++) {
            QuestionRow row = questions.get(i) == null ? new QuestionRow() : questions.get(i);
            questions.set(i, row);
            bodies.add(row.toBody(i, errors, words));
        }
        return bodies;
    }

    private static LocalDateTime localDateTime(
            String value, String field, boolean required, Map<String, String> errors, PlainWords words) {
        if (blank(value)) {
            if (required) {
                errors.put(field, words.message("form.error.required"));
            }
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, words.message("form.error.dateTime"));
            return null;
        }
    }

    private static Instant instant(
            String value, String field, ZoneId zone, Map<String, String> errors, PlainWords words) {
        LocalDateTime local = localDateTime(value, field, false, errors, words);
        return local == null || zone == null ? null : local.atZone(zone).toInstant();
    }

    private static List<String> list(String value, String separator) {
        if (blank(value)) {
            return List.of();
        }
        return Arrays.stream(value.split(separator))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }

    public boolean isReconfirmation() {
        return reconfirmation;
    }

    public void setReconfirmation(boolean reconfirmation) {
        this.reconfirmation = reconfirmation;
    }

    public String getReconfirmationBefore() {
        return reconfirmationBefore;
    }

    public void setReconfirmationBefore(String reconfirmationBefore) {
        this.reconfirmationBefore = reconfirmationBefore;
    }

    public String getReconfirmationDeadline() {
        return reconfirmationDeadline;
    }

    public void setReconfirmationDeadline(String reconfirmationDeadline) {
        this.reconfirmationDeadline = reconfirmationDeadline;
    }

    public boolean isReconfirmationReleaseSilent() {
        return reconfirmationReleaseSilent;
    }

    public void setReconfirmationReleaseSilent(boolean reconfirmationReleaseSilent) {
        this.reconfirmationReleaseSilent = reconfirmationReleaseSilent;
    }

    public String getSeriesId() {
        return seriesId;
    }

    public void setSeriesId(String seriesId) {
        this.seriesId = seriesId;
    }

    public String getTitleFr() {
        return titleFr;
    }

    public void setTitleFr(String titleFr) {
        this.titleFr = titleFr;
    }

    public String getTitleEn() {
        return titleEn;
    }

    public void setTitleEn(String titleEn) {
        this.titleEn = titleEn;
    }

    public String getTitleEs() {
        return titleEs;
    }

    public void setTitleEs(String titleEs) {
        this.titleEs = titleEs;
    }

    public String getDescriptionFr() {
        return descriptionFr;
    }

    public void setDescriptionFr(String descriptionFr) {
        this.descriptionFr = descriptionFr;
    }

    public String getDescriptionEn() {
        return descriptionEn;
    }

    public void setDescriptionEn(String descriptionEn) {
        this.descriptionEn = descriptionEn;
    }

    public String getDescriptionEs() {
        return descriptionEs;
    }

    public void setDescriptionEs(String descriptionEs) {
        this.descriptionEs = descriptionEs;
    }

    public String getDefaultLanguage() {
        return defaultLanguage;
    }

    public void setDefaultLanguage(String defaultLanguage) {
        this.defaultLanguage = defaultLanguage;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getVenueName() {
        return venueName;
    }

    public void setVenueName(String venueName) {
        this.venueName = venueName;
    }

    public String getVenueAddress() {
        return venueAddress;
    }

    public void setVenueAddress(String venueAddress) {
        this.venueAddress = venueAddress;
    }

    public String getVenueCity() {
        return venueCity;
    }

    public void setVenueCity(String venueCity) {
        this.venueCity = venueCity;
    }

    public String getVenueCountry() {
        return venueCountry;
    }

    public void setVenueCountry(String venueCountry) {
        this.venueCountry = venueCountry;
    }

    public String getMeetingUrl() {
        return meetingUrl;
    }

    public void setMeetingUrl(String meetingUrl) {
        this.meetingUrl = meetingUrl;
    }

    public String getMeetingId() {
        return meetingId;
    }

    public void setMeetingId(String meetingId) {
        this.meetingId = meetingId;
    }

    public String getMeetingPasscode() {
        return meetingPasscode;
    }

    public void setMeetingPasscode(String meetingPasscode) {
        this.meetingPasscode = meetingPasscode;
    }

    public String getCapacity() {
        return capacity;
    }

    public void setCapacity(String capacity) {
        this.capacity = capacity;
    }

    public String getOpensAt() {
        return opensAt;
    }

    public void setOpensAt(String opensAt) {
        this.opensAt = opensAt;
    }

    public String getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(String closesAt) {
        this.closesAt = closesAt;
    }

    public boolean isRequiresApproval() {
        return requiresApproval;
    }

    public void setRequiresApproval(boolean requiresApproval) {
        this.requiresApproval = requiresApproval;
    }

    public boolean isWaitlist() {
        return waitlist;
    }

    public void setWaitlist(boolean waitlist) {
        this.waitlist = waitlist;
    }

    public String getInterpretation() {
        return interpretation;
    }

    public void setInterpretation(String interpretation) {
        this.interpretation = interpretation;
    }

    public List<PersonRow> getPeople() {
        return people;
    }

    public void setPeople(List<PersonRow> people) {
        this.people = people;
    }

    public String getPartners() {
        return partners;
    }

    public void setPartners(String partners) {
        this.partners = partners;
    }

    /** Partner organisations' slugs, comma- or space-separated (issue 16). */
    public String getPartnerOrganisations() {
        return partnerOrganisations;
    }

    public void setPartnerOrganisations(String partnerOrganisations) {
        this.partnerOrganisations = partnerOrganisations;
    }

    /** {@code ALL}, {@code ATTENDED} or {@code ABSENT} (issue 16). */
    public String getFollowUpAudience() {
        return followUpAudience;
    }

    public void setFollowUpAudience(String followUpAudience) {
        this.followUpAudience = followUpAudience;
    }

    public boolean isFollowUpAttestation() {
        return followUpAttestation;
    }

    public void setFollowUpAttestation(boolean followUpAttestation) {
        this.followUpAttestation = followUpAttestation;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getReminders() {
        return reminders;
    }

    public void setReminders(String reminders) {
        this.reminders = reminders;
    }

    public String getFollowUpHours() {
        return followUpHours;
    }

    public void setFollowUpHours(String followUpHours) {
        this.followUpHours = followUpHours;
    }

    /** The follow-up's stored delay the page was rendered with, an ISO-8601 duration; null for none. */
    public String getFollowUpAfter() {
        return followUpAfter;
    }

    public void setFollowUpAfter(String followUpAfter) {
        this.followUpAfter = followUpAfter;
    }

    public String getFollowUpTextFr() {
        return followUpTextFr;
    }

    public void setFollowUpTextFr(String followUpTextFr) {
        this.followUpTextFr = followUpTextFr;
    }

    public String getFollowUpTextEn() {
        return followUpTextEn;
    }

    public void setFollowUpTextEn(String followUpTextEn) {
        this.followUpTextEn = followUpTextEn;
    }

    public String getFollowUpTextEs() {
        return followUpTextEs;
    }

    public void setFollowUpTextEs(String followUpTextEs) {
        this.followUpTextEs = followUpTextEs;
    }

    /** The follow-up's link rows, {@value #LINK_ROWS} at least on the page. */
    public List<LinkRow> getFollowUpLinks() {
        return followUpLinks;
    }

    public void setFollowUpLinks(List<LinkRow> followUpLinks) {
        this.followUpLinks = followUpLinks;
    }

    public List<QuestionRow> getQuestions() {
        return questions;
    }

    public void setQuestions(List<QuestionRow> questions) {
        this.questions = questions;
    }

    /**
     * @return the question button pressed, such as {@code add-institution}, {@code up-2} or
     *     {@code remove-0}; null when the form is saved
     */
    public String getQuestionAction() {
        return questionAction;
    }

    public void setQuestionAction(String questionAction) {
        this.questionAction = questionAction;
    }

    public String getEtag() {
        return etag;
    }

    public void setEtag(String etag) {
        this.etag = etag;
    }
}

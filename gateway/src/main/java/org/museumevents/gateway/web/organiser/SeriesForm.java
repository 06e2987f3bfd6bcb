package org.museumevents.gateway.web.organiser;

import static org.museumevents.gateway.web.organiser.FormValues.LOCAL_DATE_TIME;
import static org.museumevents.gateway.web.organiser.FormValues.blank;
import static org.museumevents.gateway.web.organiser.FormValues.texts;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.museumevents.gateway.web.PlainWords;

/** A series as typed: its texts and its recurrence (an RFC 5545 RRULE from a first local start). */
public class SeriesForm {

    private String titleFr;
    private String titleEn;
    private String titleEs;
    private String descriptionFr;
    private String descriptionEn;
    private String descriptionEs;
    private String defaultLanguage = "fr";
    private String rule = "FREQ=MONTHLY;BYDAY=3TU";
    private String start;
    private String durationMinutes = "90";
    private String timeZone = "Europe/Paris";

    /** The body of {@code POST /api/series}. */
    public record SeriesBody(
            Map<String, String> title,
            Map<String, String> description,
            String defaultLanguage,
            Recurrence recurrence) {}

    public record Recurrence(String rule, String start, Integer durationMinutes, String timeZone) {}

    SeriesBody toBody(Map<String, String> errors, PlainWords words) {
        Map<String, String> title = texts(titleFr, titleEn, titleEs);
        if (blank(defaultLanguage) || !title.containsKey(defaultLanguage)) {
            errors.put(
                    "title." + (blank(defaultLanguage) ? "fr" : defaultLanguage),
                    words.message("event.error.defaultTitle"));
        }
        if (blank(rule)) {
            errors.put("recurrence.rule", words.message("form.error.required"));
        }
        String first = null;
        if (blank(start)) {
            errors.put("recurrence.start", words.message("form.error.required"));
        } else {
            try {
                first = LOCAL_DATE_TIME.format(LocalDateTime.parse(start.strip()));
            } catch (DateTimeParseException e) {
                errors.put("recurrence.start", words.message("form.error.dateTime"));
            }
        }
        Integer minutes = null;
        try {
            minutes = Integer.valueOf(durationMinutes == null ? "" : durationMinutes.strip());
            if (minutes < 1 || minutes > 24 * 60) {
                errors.put("recurrence.durationMinutes", words.message("series.error.duration"));
            }
        } catch (NumberFormatException e) {
            errors.put("recurrence.durationMinutes", words.message("form.error.number"));
        }
        if (blank(timeZone)) {
            errors.put("recurrence.timeZone", words.message("form.error.required"));
        } else {
            try {
                ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                errors.put("recurrence.timeZone", words.message("form.error.timeZone"));
            }
        }
        return new SeriesBody(
                title,
                texts(descriptionFr, descriptionEn, descriptionEs),
                defaultLanguage,
                new Recurrence(
                        blank(rule) ? null : rule.strip(), first, minutes, blank(timeZone) ? null : timeZone.strip()));
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

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getDurationMinutes() {
        return durationMinutes;
    }

    public void setDurationMinutes(String durationMinutes) {
        this.durationMinutes = durationMinutes;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }
}

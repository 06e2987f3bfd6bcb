package org.museumevents.gateway.web.participant;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.RegistrationClient.RegistrationRequest;

/**
 * The registration form as typed, kept as typed when the page comes back with errors. Errors are
 * keyed by the contract's field names, the same names the service's problem uses.
 */
public class RegistrationForm {

    /** The service's own rule, so that most mistakes are caught before calling it. */
    private static final Pattern EMAIL = Pattern.compile("\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*");

    private String name;
    private String email;
    private String organisation;
    private String language;
    private String timeZone;
    private String interpretationLanguage;
    private boolean consent;
    private String idempotencyKey;

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    static RegistrationForm blank(Event event, Locale locale) {
        RegistrationForm form = new RegistrationForm();
        form.language = Languages.isSupported(locale.getLanguage()) ? locale.getLanguage() : "en";
        form.timeZone = event.timeZone();
        form.renewIdempotencyKey();
        return form;
    }

    /** A new key for a new attempt; the same page submitted twice keeps its key and gets one answer. */
    void renewIdempotencyKey() {
        idempotencyKey = UUID.randomUUID().toString();
    }

    Map<String, String> check(Event event, PlainWords words) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(name)) {
            errors.put("name", words.message("form.error.required"));
        } else if (name.length() > 200) {
            errors.put("name", words.message("form.error.tooLong", 200));
        }
        if (blank(email)) {
            errors.put("email", words.message("form.error.required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.put("email", words.message("form.error.email"));
        }
        if (organisation != null && organisation.length() > 200) {
            errors.put("organisation", words.message("form.error.tooLong", 200));
        }
        if (!Languages.isSupported(language)) {
            errors.put("language", words.message("form.error.choose"));
        }
        if (!blank(interpretationLanguage) && !event.interpretation().contains(interpretationLanguage)) {
            errors.put("interpretationLanguage", words.message("form.error.choose"));
        }
        if (!consent) {
            errors.put("consent", words.message("registration.error.consent"));
        }
        return errors;
    }

    RegistrationRequest toRequest(Event event) {
        return new RegistrationRequest(
                name.trim(),
                email.trim(),
                blank(organisation) ? null : organisation.trim(),
                language,
                validZone(timeZone) ? timeZone : event.timeZone(),
                blank(interpretationLanguage) ? null : interpretationLanguage,
                consent);
    }

    /**
     * A zone registration-service accepts (its starter's {@code RegionTimeZones}: region-based IANA
     * ids and UTC); what a browser reports otherwise ({@code Etc/GMT-2}, a legacy alias) falls back
     * to the event's zone rather than failing the form on a field the visitor never saw.
     */
    private static boolean validZone(String zone) {
        if (blank(zone) || zone.length() > 64) {
            return false;
        }
        int slash = zone.indexOf('/');
        return zone.equals("UTC")
                || (slash > 0
                        && REGION_AREAS.contains(zone.substring(0, slash))
                        && ZoneId.getAvailableZoneIds().contains(zone));
    }

    private static final java.util.Set<String> REGION_AREAS = java.util.Set.of(
            "Africa",
            "America",
            "Antarctica",
            "Arctic",
            "Asia",
            "Atlantic",
            "Australia",
            "Europe",
            "Indian",
            "Pacific");

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getInterpretationLanguage() {
        return interpretationLanguage;
    }

    public void setInterpretationLanguage(String interpretationLanguage) {
        this.interpretationLanguage = interpretationLanguage;
    }

    public boolean isConsent() {
        return consent;
    }

    public void setConsent(boolean consent) {
        this.consent = consent;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /**
     * The key the page was rendered with; anything but a plain token (the page's own keys are
     * UUIDs) becomes a fresh key, since it travels as an HTTP header, where an arbitrary value
     * cannot go.
     */
    public void setIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey != null && KEY.matcher(idempotencyKey).matches()) {
            this.idempotencyKey = idempotencyKey;
        } else {
            renewIdempotencyKey();
        }
    }
}

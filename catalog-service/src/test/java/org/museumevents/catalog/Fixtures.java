package org.museumevents.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request bodies shaped like the seed announcements, as mutable maps a test can bend. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * An organisation of the test's own, e.g. {@code icom-france-5f0c2a9e}: the tests share one
     * context and database, and an organisation is what the catalog keeps apart, so what a test
     * lists or counts by its own organisation is only what it wrote itself.
     */
    public static String organisation(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A word no other test writes, for searches ({@code q}) that must find only the test's own events. */
    public static String word(String stem) {
        StringBuilder word = new StringBuilder(stem);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** Session 4 of ICOM France's "Solidarity" cycle, moved to a future third Tuesday. */
    public static Map<String, Object> onlineDebate() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("title", Map.of("fr", "Le numérique est-il solidaire ?", "en", "Is the digital world inclusive?"));
        event.put(
                "description",
                Map.of("fr", "Gratuit, accessible, durable...", "en", "Free, accessible, sustainable..."));
        event.put("defaultLanguage", "fr");
        event.put("format", "ONLINE");
        event.put("start", "2027-02-16T13:00");
        event.put("end", "2027-02-16T14:30");
        event.put("timeZone", "Europe/Paris");
        event.put(
                "meeting",
                Map.of(
                        "url", "https://us02web.zoom.us/j/82342861023?pwd=MytJZmpaaTIUeEpXdjc4Mko2eXd3UT09",
                        "meetingId", "823 4286 1023",
                        "passcode", "010934"));
        event.put("capacity", 300);
        event.put(
                "registration",
                new LinkedHashMap<>(
                        Map.of("closesAt", "2027-02-16T11:00:00Z", "requiresApproval", false, "waitlist", true)));
        event.put("interpretation", List.of("fr", "en", "es"));
        event.put(
                "people",
                List.of(
                        Map.of(
                                "name",
                                "Anastasia Chourmouziadi",
                                "affiliation",
                                "University of Aegean",
                                "role",
                                "SPEAKER"),
                        Map.of(
                                "name",
                                "Estelle Guille des Buttes",
                                "affiliation",
                                "ICOM France",
                                "role",
                                "MODERATOR")));
        event.put("partners", List.of("ICOM Finland", "ICOM Greece"));
        event.put("tags", List.of("solidarity"));
        event.put("reminders", List.of("P1D", "PT1H"));
        return event;
    }

    /**
     * The questions of the example messages, as an organiser writes them: which institution one comes
     * from (one choice, required) and a free question for the speakers (optional), in three
     * languages.
     */
    public static List<Map<String, Object>> questions() {
        Map<String, Object> institution = new LinkedHashMap<>();
        institution.put("id", "institution");
        institution.put("kind", "SINGLE_CHOICE");
        institution.put("label", Map.of("fr", "Votre institution", "en", "Your institution", "es", "Su institución"));
        institution.put(
                "choices",
                List.of(
                        Map.of("id", "museum", "label", Map.of("fr", "Un musée", "en", "A museum", "es", "Un museo")),
                        Map.of(
                                "id",
                                "university",
                                "label",
                                Map.of("fr", "Une université", "en", "A university", "es", "Una universidad")),
                        Map.of("id", "other", "label", Map.of("fr", "Autre", "en", "Other", "es", "Otra"))));
        institution.put("required", true);
        Map<String, Object> forSpeakers = new LinkedHashMap<>();
        forSpeakers.put("id", "question-for-speakers");
        forSpeakers.put("kind", "TEXT");
        forSpeakers.put(
                "label",
                Map.of(
                        "fr",
                        "Une question pour les intervenants ?",
                        "en",
                        "A question for the speakers?",
                        "es",
                        "¿Una pregunta para los ponentes?"));
        return new java.util.ArrayList<>(List.of(institution, forSpeakers));
    }

    /** Ocim's workshop in Dijon: in person, limited places. */
    public static Map<String, Object> workshop() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("title", Map.of("fr", "Tiers-lieux et institutions culturelles"));
        event.put("defaultLanguage", "fr");
        event.put("format", "IN_PERSON");
        event.put("start", "2027-07-03T09:30");
        event.put("end", "2027-07-03T17:00");
        event.put("timeZone", "Europe/Paris");
        event.put(
                "venue",
                Map.of("name", "La Coursive", "address", "5 rue Sambin", "city", "Dijon", "country", "France"));
        event.put("capacity", 40);
        return event;
    }
}

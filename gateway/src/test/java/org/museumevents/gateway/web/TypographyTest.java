package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.museumevents.gateway.web.Contract.SERIES_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One typographic convention per language (issue 12), in every message of every bundle and on
 * every page as rendered: French puts a narrow no-break space (U+202F, the one the notification
 * emails use too) before {@code : ; ! ?} and inside {@code « »}, never an ordinary or a no-break
 * space (U+00A0), and never nothing; English and Spanish put no space before {@code : ; ! ?}. A
 * mark glued to what follows ({@code 13:00}, {@code https://}, {@code FREQ=MONTHLY;BYDAY=3TU}) is
 * not punctuation and is left alone. A new message or template that breaks the convention fails
 * here. The pages are rendered with stand-in data free of punctuation, so that what is checked is
 * the site's own text.
 */
@GatewayIntegrationTest
class TypographyTest {

    static final char NARROW_NBSP = '\u202F';
    static final List<String> LANGUAGES = List.of("fr", "en", "es");
    static final Map<String, List<String>> BUNDLES = Map.of(
            "fr", List.of("messages_fr.properties"),
            "en", List.of("messages.properties", "messages_en.properties"),
            "es", List.of("messages_es.properties"));

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final StandIn notification = StandIns.NOTIFICATION;

    @Autowired
    MockMvc mvc;

    @Test
    void everyMessageFollowsItsLanguagesConvention() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String language : LANGUAGES) {
            for (String bundle : BUNDLES.get(language)) {
                Properties messages = load(bundle);
                for (String key : messages.stringPropertyNames()) {
                    checked++;
                    for (String problem : violations(messages.getProperty(key), language)) {
                        problems.add(bundle + " " + key + ": " + problem);
                    }
                }
            }
        }
        assertThat(checked).as("messages read").isGreaterThan(900);
        assertThat(problems).isEmpty();
    }

    @Test
    void theRuleItselfCatchesEachMixedConvention() {
        assertThat(violations("Quand: demain", "fr")).hasSize(1);
        assertThat(violations("ID de réunion : 823", "fr")).hasSize(1);
        assertThat(violations("Quand\u00A0: demain", "fr")).hasSize(1);
        assertThat(violations("« Musées »", "fr")).hasSize(2);
        assertThat(violations("Annuler\u202F? À 13:00, https://x.example/?a=1 FREQ=WEEKLY;BYDAY=TU", "fr"))
                .isEmpty();
        assertThat(violations("When : tomorrow", "en")).hasSize(1);
        assertThat(violations("¿Cancelar ?", "es")).hasSize(1);
        assertThat(violations("¿Cancelar? Cuándo: mañana", "es")).isEmpty();
    }

    @BeforeEach
    void script() {
        String event = neutral(Contract.event(EVENT_ID, "PUBLISHED"));
        catalog.on("GET", "/api/events", json(Contract.page(event)))
                .on("GET", "/api/series", json(Contract.page(neutral(Contract.series()))))
                .on("GET", "/api/series/" + SERIES_ID, json(neutral(Contract.series())))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID,
                        new StandIn.Answer(200, "application/json", event, Map.of("ETag", "\"3\"")));
        registration
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID + "/availability",
                        json(
                                """
                        {"eventId": "%s", "capacity": 300, "placesLeft": 12, "waitlist": true, "waitlisted": 0,
                         "requiresApproval": false, "open": true, "reason": null}"""
                                        .formatted(EVENT_ID)))
                .on(
                        "GET",
                        "/api/registrations/" + REGISTRATION_ID,
                        json(Contract.registration(REGISTRATION_ID, "CONFIRMED")))
                .on(
                        "GET",
                        "/api/registrations/" + REGISTRATION_ID + "/organiser-view",
                        json(Contract.registration(REGISTRATION_ID, "CONFIRMED")))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID + "/attendees",
                        json(Contract.page(
                                Contract.registration(REGISTRATION_ID, "PENDING"),
                                Contract.registration(UUID.randomUUID().toString(), "WAITLISTED"))))
                .on("GET", "/api/events/" + EVENT_ID + "/registration-stats", json(Contract.stats()));
        notification.on(
                "GET",
                "/api/events/" + EVENT_ID + "/notifications",
                json(
                        """
                [{"registrationId":"%s","recipient":"elise@musee.example","kind":"CONFIRMATION","status":"SENT",
                  "attempts":1,"scheduledFor":"2099-01-10T09:00:00Z","sentAt":"2099-01-10T09:00:05Z"}]"""
                                .formatted(REGISTRATION_ID)));
    }

    @Test
    void everyPageFollowsItsLanguagesConvention() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (Map.Entry<String, MockHttpServletRequestBuilder> page : pages().entrySet()) {
                String html = render(page.getValue().header("Accept-Language", language));
                assertThat(html).as(page.getKey()).contains("<html lang=\"" + language + "\"");
                for (String problem : violations(visibleText(html), language)) {
                    problems.add(language + " " + page.getKey() + ": " + problem);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every page template, reached as a visitor or an organiser reaches it; new requests each time. */
    private static Map<String, MockHttpServletRequestBuilder> pages() {
        Map<String, MockHttpServletRequestBuilder> pages = new LinkedHashMap<>();
        pages.put("home", get("/"));
        pages.put("event", get("/events/" + EVENT_ID));
        pages.put(
                "registration form with errors",
                post("/events/" + EVENT_ID + "/register").with(csrf()));
        pages.put(
                "registration result",
                get("/events/" + EVENT_ID + "/registration")
                        .with(Flash.attribute(
                                "registered",
                                new Registered(
                                        UUID.fromString(REGISTRATION_ID),
                                        UUID.fromString(EVENT_ID),
                                        "WAITLISTED",
                                        3,
                                        "t0k3n"))));
        pages.put("own registration", get("/registrations/" + REGISTRATION_ID).param("token", "t0k3n"));
        pages.put(
                "cancel own registration",
                get("/registrations/" + REGISTRATION_ID + "/cancel").param("token", "t0k3n"));
        pages.put("privacy", get("/privacy"));
        pages.put("login", get("/login").param("error", ""));
        pages.put("not found", get("/events/" + UUID.randomUUID()));
        pages.put("dashboard", organiser(get("/organiser")));
        pages.put("organiser event", organiser(get("/organiser/events/" + EVENT_ID)));
        pages.put("event editor", organiser(get("/organiser/events/" + EVENT_ID + "/edit")));
        pages.put("new event with errors", organiser(post("/organiser/events").with(csrf())));
        pages.put("attendees", organiser(get("/organiser/events/" + EVENT_ID + "/attendees")));
        pages.put("delivery log", organiser(get("/organiser/events/" + EVENT_ID + "/notifications")));
        pages.put("cancel event", organiser(get("/organiser/events/" + EVENT_ID + "/cancel")));
        pages.put("cancel a registration", organiser(get("/organiser/registrations/" + REGISTRATION_ID + "/cancel")));
        pages.put("series", organiser(get("/organiser/series/" + SERIES_ID)));
        pages.put("new series with errors", organiser(post("/organiser/series").with(csrf())));
        pages.put("new event", organiser(get("/organiser/events/new")));
        pages.put("new series", organiser(get("/organiser/series/new")));
        return pages;
    }

    private String render(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static MockHttpServletRequestBuilder organiser(MockHttpServletRequestBuilder request) {
        return request.with(user("estelle").roles("ORGANISER"));
    }

    /** The contract's example without its own punctuation: the organisers' texts are theirs to write. */
    private static String neutral(String body) {
        return body.replace("Le numérique est-il solidaire ?", "Le numérique solidaire")
                .replace("Is the digital world inclusive?", "The inclusive digital world")
                .replace("Solidarité, musées : de quoi parle-t-on ?", "Solidarité et musées")
                .replace("Solidarity, museums: what are we talking about?", "Solidarity and museums");
    }

    private static final Pattern TEXT_ATTRIBUTE =
            Pattern.compile("\\s(?:aria-label|title|placeholder|alt)=\"([^\"]*)\"");

    /** What a reader sees or hears: text between tags (tags removed, not spaced) and labelling attributes. */
    static String visibleText(String html) {
        String withoutCode = html.replaceAll("(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", "");
        StringBuilder text = new StringBuilder(withoutCode.replaceAll("(?s)<[^>]*>", ""));
        Matcher attribute = TEXT_ATTRIBUTE.matcher(withoutCode);
        while (attribute.find()) {
            text.append('\n').append(attribute.group(1));
        }
        return text.toString()
                .replace("&nbsp;", "\u00A0")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Where {@code text} breaks its language's convention, each with a few characters around it. */
    static List<String> violations(String text, String language) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char before = i == 0 ? '\n' : text.charAt(i - 1);
            boolean endsHere = i + 1 == text.length()
                    || Character.isWhitespace(text.charAt(i + 1))
                    || text.charAt(i + 1) == '\u00A0'
                    || text.charAt(i + 1) == NARROW_NBSP;
            boolean spaceBefore = Character.isWhitespace(before) || before == '\u00A0' || before == NARROW_NBSP;
            if (":;!?".indexOf(c) >= 0 && i > 0) {
                if (language.equals("fr")) {
                    if (spaceBefore && before != NARROW_NBSP) {
                        problems.add("U+" + Integer.toHexString(before).toUpperCase() + " before '" + c + "' in "
                                + around(text, i));
                    } else if (!spaceBefore && endsHere && "!?".indexOf(before) < 0) {
                        problems.add("no U+202F before '" + c + "' in " + around(text, i));
                    }
                } else if (spaceBefore) {
                    problems.add("a space before '" + c + "' in " + around(text, i));
                }
            }
            if (language.equals("fr") && c == '«' && (i + 1 == text.length() || text.charAt(i + 1) != NARROW_NBSP)) {
                problems.add("no U+202F after '«' in " + around(text, i));
            }
            if (language.equals("fr") && c == '»' && before != NARROW_NBSP) {
                problems.add("no U+202F before '»' in " + around(text, i));
            }
        }
        return problems;
    }

    private static String around(String text, int i) {
        return "\""
                + text.substring(Math.max(0, i - 25), Math.min(text.length(), i + 10))
                        .replace("\n", "⏎")
                        .replace("\u00A0", "⍽")
                        .replace("\u202F", "·")
                + "\"";
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TypographyTest.class.getClassLoader().getResourceAsStream(bundle)) {
            assertThat(in).as(bundle).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}

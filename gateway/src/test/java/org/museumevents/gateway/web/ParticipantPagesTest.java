package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.StandIn.problem;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public pages against stand-ins for the services that answer with the contract's JSON:
 * languages, the event page without secrets, registering (errors next to their fields, the
 * service's refusals in plain words, the answer), a registration's own page and cancelling it,
 * CSRF on every form. A service that is down is ServiceOutageTest's.
 */
@GatewayIntegrationTest
class ParticipantPagesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events", json(Contract.page(Contract.publicEvent(EVENT_ID))))
                .on("GET", "/api/series", json(Contract.page(Contract.series())))
                // A catalog that wrongly sent the meeting must still not put it on a public page.
                .on("GET", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "PUBLISHED")));
    }

    private String page(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    @Test
    void theHomePageIsInTheVisitorsLanguageAndSwitchesWithLang() throws Exception {
        // Spanish browser; the event has no Spanish title, so its default language (French) shows.
        mvc.perform(get("/").header("Accept-Language", "es-ES,es;q=0.9,en;q=0.5"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<html lang=\"es\">"),
                                containsString("Próximos eventos"),
                                containsString("lang=\"fr\">Le numérique est-il solidaire ?</a>"),
                                containsString("Solidarité, musées"))));
        mvc.perform(get("/").header("Accept-Language", "en-GB,en;q=0.9"))
                .andExpect(content()
                        .string(allOf(
                                containsString("<html lang=\"en\">"),
                                containsString("Upcoming events"),
                                containsString("Is the digital world inclusive?"))));
        // A language the site does not have: English.
        mvc.perform(get("/").header("Accept-Language", "de-DE"))
                .andExpect(content().string(containsString("<html lang=\"en\">")));

        MvcResult switched = mvc.perform(get("/").param("lang", "fr").header("Accept-Language", "en"))
                .andExpect(cookie().value("lang", "fr"))
                .andExpect(content()
                        .string(allOf(
                                containsString("<html lang=\"fr\">"),
                                containsString("Événements à venir"),
                                // Texts and dates follow the language just chosen, not the browser's.
                                containsString("lang=\"fr\">Le numérique est-il solidaire ?</a>"),
                                containsString("16 février 2099, 13:00 – 14:30"),
                                containsString("id=\"lang-es\" href=\"/?lang=es\""))))
                .andReturn();
        Cookie chosen = switched.getResponse().getCookie("lang");
        mvc.perform(get("/events/" + EVENT_ID).cookie(chosen).header("Accept-Language", "en"))
                .andExpect(content().string(allOf(containsString("<html lang=\"fr\">"), containsString("S’inscrire"))));
        // Only the site's languages are accepted.
        mvc.perform(get("/").param("lang", "de").cookie(new Cookie("lang", "de")))
                .andExpect(content().string(containsString("<html lang=\"en\">")));
    }

    @Test
    void filtersAndSearchArePassedToTheCatalog() throws Exception {
        mvc.perform(get("/").param("q", "solidarité & numérique")
                        .param("from", "2027-01-01")
                        .param("to", "2027-06-30")
                        .param("organisation", "icom-france")
                        .param("series", Contract.SERIES_ID)
                        .param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"solidarité &amp; numérique\"")));
        String query = catalog.received("GET", "/api/events").get(0).query();
        assertThat(query.split("&"))
                .contains(
                        "q=solidarit%C3%A9%20%26%20num%C3%A9rique",
                        "from=2027-01-01",
                        "to=2027-06-30",
                        "organisation=icom-france",
                        "series=" + Contract.SERIES_ID,
                        "page=2",
                        "size=10");
        mvc.perform(get("/").param("from", "16/02/2027"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"filter-from-error\"")));
    }

    @Test
    void theEventPageShowsEverythingButTheMeetingAndAsksWithoutAToken() throws Exception {
        String page = page(mvc.perform(get("/events/" + EVENT_ID).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(page)
                .contains("Is the digital world inclusive?")
                .contains("Anastasia Chourmouziadi", "University of Aegean", "Estelle Guille des Buttes", "Moderator")
                .contains("French, English, Spanish")
                .contains("Europe/Paris")
                .contains("300 places")
                .contains("id=\"registration-state\" data-state=\"OPEN\"")
                .contains("href=\"/api/events/" + EVENT_ID + "/calendar.ics\"")
                .contains("id=\"registration-form\"", "id=\"registration-consent\"", "href=\"/privacy\"")
                .contains("<option value=\"es\">Spanish</option>")
                .contains("datetime=\"2099-02-16T12:00:00Z\"")
                .doesNotContain(Contract.MEETING_URL)
                .doesNotContain("82342861023")
                .doesNotContain(Contract.PASSCODE);
        assertThat(catalog.received("GET", "/api/events/" + EVENT_ID))
                .allSatisfy(
                        request -> assertThat(request.header("Authorization")).isNull());
        // Each language link stays on this page.
        assertThat(page).contains("id=\"lang-es\" href=\"/events/" + EVENT_ID + "?lang=es\"");
    }

    @Test
    void theEventPageSaysHowManyPlacesAreLeftOrWhetherThereIsAWaitingList() throws Exception {
        registration.on("GET", "/api/events/" + EVENT_ID + "/availability", json(availability(12, 0, true, null)));
        mvc.perform(get("/events/" + EVENT_ID).header("Accept-Language", "en"))
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"places-left\" data-places-left=\"12\""),
                                containsString("12 places left"),
                                containsString("id=\"registration-form\""))));

        registration.on("GET", "/api/events/" + EVENT_ID + "/availability", json(availability(0, 4, true, null)));
        mvc.perform(get("/events/" + EVENT_ID).header("Accept-Language", "fr"))
                .andExpect(content()
                        .string(allOf(
                                containsString("liste d’attente (4 personnes en attente)"),
                                containsString("id=\"registration-form\""))));

        registration.on(
                "GET", "/api/events/" + EVENT_ID + "/availability", json(availability(0, 0, false, "event-full")));
        mvc.perform(get("/events/" + EVENT_ID).header("Accept-Language", "en"))
                .andExpect(content()
                        .string(allOf(
                                containsString("data-state=\"FULL\""),
                                containsString("All places are taken."),
                                not(containsString("id=\"registration-form\"")))));

        registration.on(
                "GET",
                "/api/events/" + EVENT_ID + "/availability",
                json(availability(3, 0, true, "registration-closed")));
        mvc.perform(get("/events/" + EVENT_ID).header("Accept-Language", "es"))
                .andExpect(content()
                        .string(allOf(
                                containsString("data-state=\"CLOSED\""),
                                containsString("La inscripción está cerrada."),
                                not(containsString("id=\"registration-form\"")))));
    }

    private static String availability(int placesLeft, int waitlisted, boolean waitlist, String reason) {
        return """
                {"eventId": "%s", "capacity": 300, "placesLeft": %d, "waitlist": %s, "waitlisted": %d,
                 "requiresApproval": false, "open": %s, "reason": %s}"""
                .formatted(
                        EVENT_ID,
                        placesLeft,
                        waitlist,
                        waitlisted,
                        reason == null,
                        reason == null ? "null" : "\"" + reason + "\"");
    }

    @Test
    void requiredFieldsAreCheckedBeforeCallingTheServiceAndTypedValuesStay() throws Exception {
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("name", "")
                        .param("email", "not-an-email")
                        .param("organisation", "Musée <b>de</b> Dijon")
                        .param("language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"registration-name-error\""),
                                containsString("id=\"registration-email-error\""),
                                containsString("id=\"registration-consent-error\""),
                                containsString("Please tick this box to register."),
                                containsString("value=\"not-an-email\""),
                                containsString("value=\"Musée &lt;b&gt;de&lt;/b&gt; Dijon\""),
                                containsString("aria-invalid=\"true\""),
                                containsString("id=\"error-summary\""))));
        assertThat(registration.received("POST", ".*")).isEmpty();
    }

    /** A name of nothing visible (zero-width and other format characters) is no name, as in the services. */
    @Test
    void aNameOfInvisibleCharactersIsRequiredBeforeCallingTheService() throws Exception {
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("name", "\u200B\u2060\uFEFF")
                        .param("email", "elise@musee.example")
                        .param("language", "en")
                        .param("consent", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(containsString(
                                "<p class=\"field-error\" id=\"registration-name-error\">Please fill this in.</p>")));
        assertThat(registration.received("POST", ".*")).isEmpty();
    }

    @Test
    void aServicesFieldErrorsAreShownNextToTheirFields() throws Exception {
        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields.",
                         "errors":[{"field":"email","message":"is not deliverable"},{"field":"timeZone","message":"is unknown"}]}""",
                        Map.of()));
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .param("name", "Élise Martin")
                        .param("email", "elise@musee.example")
                        .param("language", "fr")
                        .param("consent", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("<p class=\"field-error\" id=\"registration-email-error\">"
                                        + "Please enter an email address such as name@example.org.</p>"),
                                containsString("value=\"Élise Martin\""),
                                containsString("Please enter a time zone such as Europe/Paris."))));
    }

    /**
     * The services write their field messages in English: a French or Spanish page says them with
     * its own words, by the kind of error, never the service's.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "fr|Merci de saisir une adresse e-mail comme nom@exemple.fr.|200 caractères au plus, s’il vous plaît.|Cette valeur n’a pas été acceptée\u202F; merci de la vérifier.",
                "es|Escriba un correo electrónico como nombre@ejemplo.org.|200 caracteres como máximo, por favor.|Este valor no se ha aceptado; compruébelo, por favor."
            })
    void aServicesFieldErrorsAreShownInThePagesLanguage(String language, String email, String tooLong, String unknown)
            throws Exception {
        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields.",
                         "errors":[{"field":"email","message":"is not deliverable"},
                                   {"field":"name","message":"size must be between 0 and 200"},
                                   {"field":"organisation","message":"is something new"}]}""",
                        Map.of()));
        String page = mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .header("Accept-Language", language)
                        .param("name", "Élise Martin")
                        .param("email", "elise@musee.example")
                        .param("language", language)
                        .param("consent", "true"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"registration-email-error\">" + email + "</p>")
                .contains("id=\"registration-name-error\">" + tooLong + "</p>")
                .contains(unknown)
                .doesNotContain("is not deliverable", "size must be", "is something new", "invalid fields");
    }

    /**
     * What a browser may report as its zone but registration-service refuses (issue 12: region-based
     * IANA ids only) falls back to the event's zone, instead of failing the form on a hidden field.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Etc/GMT-2", "UTC+1", "+02:00", "US/Eastern", "EST"})
    void aBrowserZoneThatIsNoRegionFallsBackToTheEventsZone(String browserZone) throws Exception {
        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                json(201, Contract.registered("CONFIRMED", null)));
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .param("idempotencyKey", "key-zone")
                        .param("name", "Élise Martin")
                        .param("email", "elise@musee.example")
                        .param("language", "fr")
                        .param("timeZone", browserZone)
                        .param("consent", "true"))
                .andExpect(redirectedUrl("/events/" + EVENT_ID + "/registration"));

        JsonNode body = json.readTree(registration.received().get(0).body());
        assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Paris");
    }

    @Test
    void aConfirmedRegistrationSaysSoAndLinksToItsOwnPage() throws Exception {
        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                json(201, Contract.registered("CONFIRMED", null)));
        MvcResult posted = mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .param("idempotencyKey", "key-1")
                        .param("name", " Élise Martin ")
                        .param("email", "elise@musee.example")
                        .param("organisation", "")
                        .param("language", "fr")
                        .param("timeZone", "America/Mexico_City")
                        .param("interpretationLanguage", "es")
                        .param("consent", "true"))
                .andExpect(redirectedUrl("/events/" + EVENT_ID + "/registration"))
                .andReturn();

        StandIn.Request sent = registration.received().get(0);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(sent.header("Authorization")).isNull();
        JsonNode body = json.readTree(sent.body());
        assertThat(body.get("name").asString()).isEqualTo("Élise Martin");
        assertThat(body.get("email").asString()).isEqualTo("elise@musee.example");
        assertThat(body.get("organisation").isNull()).isTrue();
        assertThat(body.get("language").asString()).isEqualTo("fr");
        assertThat(body.get("timeZone").asString()).isEqualTo("America/Mexico_City");
        assertThat(body.get("interpretationLanguage").asString()).isEqualTo("es");
        assertThat(body.get("consent").asBoolean()).isTrue();

        mvc.perform(get("/events/" + EVENT_ID + "/registration")
                        .cookie(posted.getResponse().getCookie("SESSION"))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("data-status=\"CONFIRMED\""),
                                containsString("your place is confirmed"),
                                containsString("id=\"manage-link\""),
                                containsString("href=\"/registrations/" + REGISTRATION_ID + "?token=t0k3n%2B/%3D\""))));
        // Reloaded without the answer: back to the event.
        mvc.perform(get("/events/" + EVENT_ID + "/registration")).andExpect(redirectedUrl("/events/" + EVENT_ID));
    }

    /** As a browser does it: a real form body over HTTP, with the session's CSRF token. */
    @Test
    void aRealBrowserFormPostRegisters() throws Exception {
        registration.on(
                "POST", "/api/events/" + EVENT_ID + "/registrations", json(201, Contract.registered("PENDING", null)));
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> form = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/events/" + EVENT_ID))
                        .header("Accept-Language", "en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Referrer-Policy")).contains("same-origin");
        String csrf = hidden(form.body(), "_csrf");

        String body = "_csrf=" + encode(csrf) + "&idempotencyKey=" + encode(hidden(form.body(), "idempotencyKey"))
                + "&timeZone=Europe%2FParis&name=" + encode("Élise Martin") + "&email=" + encode("elise@musee.example")
                + "&organisation=&language=fr&interpretationLanguage=&consent=true";
        HttpResponse<String> posted = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/events/" + EVENT_ID + "/register"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        assertThat(json.readTree(registration.received("POST", ".*").get(0).body())
                        .get("name")
                        .asString())
                .isEqualTo("Élise Martin");

        HttpResponse<String> result = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/events/" + EVENT_ID + "/registration"))
                        .header("Accept-Language", "en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(result.body())
                .contains("id=\"registration-status\"", "data-status=\"PENDING\"", "awaiting the organiser’s approval");
    }

    private static String hidden(String page, String name) {
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(page);
        assertThat(field.find()).as("hidden field " + name).isTrue();
        return field.group(1);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aWaitlistedRegistrationGivesItsPosition() throws Exception {
        registration.on(
                "POST", "/api/events/" + EVENT_ID + "/registrations", json(201, Contract.registered("WAITLISTED", 3)));
        MvcResult posted = mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .param("name", "Élise")
                        .param("email", "elise@musee.example")
                        .param("language", "es")
                        .param("consent", "true"))
                .andReturn();
        mvc.perform(get("/events/" + EVENT_ID + "/registration")
                        .cookie(posted.getResponse().getCookie("SESSION"))
                        .param("lang", "es"))
                .andExpect(content()
                        .string(allOf(
                                containsString("data-status=\"WAITLISTED\" data-waitlist-position=\"3\""),
                                containsString("en la posición 3"))));
    }

    @Test
    void aRefusalIsExplainedInPlainWords() throws Exception {
        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                problem(409, "duplicate-registration", "This email is already registered for this event."));
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .header("Accept-Language", "fr")
                        .param("name", "Élise")
                        .param("email", "elise@musee.example")
                        .param("language", "fr")
                        .param("consent", "true"))
                .andExpect(status().isConflict())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"registration-problem\""),
                                containsString("data-reason=\"duplicate-registration\""),
                                containsString("déjà inscrite à cet événement"),
                                containsString("value=\"Élise\""))));

        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                problem(409, "event-full", "The event is full and has no waiting list."));
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("name", "Élise")
                        .param("email", "elise@musee.example")
                        .param("language", "en")
                        .param("consent", "true"))
                .andExpect(content().string(containsString("The event is full and has no waiting list.")));
    }

    @Test
    void theManagePageShowsTheRegistrationAndCancelsOnlyAfterConfirmation() throws Exception {
        String path = "/api/registrations/" + REGISTRATION_ID;
        registration.on("GET", path, json(Contract.registration(REGISTRATION_ID, "CONFIRMED")));
        registration.on("DELETE", path, json(Contract.registration(REGISTRATION_ID, "CANCELLED")));

        mvc.perform(get("/registrations/" + REGISTRATION_ID)
                        .param("token", "t0k3n+/=")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"registration-status\" data-status=\"CONFIRMED\""),
                                containsString("Is the digital world inclusive?"),
                                containsString("id=\"cancel-registration\""),
                                not(containsString(Contract.PASSCODE)))));
        assertThat(registration.received("GET", path).get(0).query()).isEqualTo("token=t0k3n%2B%2F%3D");

        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/cancel").param("token", "t0k3n+/="))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"confirm-cancel\""),
                                containsString("name=\"token\" value=\"t0k3n+/=\""),
                                containsString("name=\"_csrf\""))));
        assertThat(registration.received("DELETE", path)).isEmpty();

        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/cancel")
                        .with(csrf())
                        .param("token", "t0k3n+/="))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/registrations/" + REGISTRATION_ID + "?token=t0k3n%2B%2F%3D"));
        assertThat(registration.received("DELETE", path))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("token=t0k3n%2B%2F%3D"));
    }

    @Test
    void aWrongOrMissingTokenFindsNothing() throws Exception {
        mvc.perform(get("/registrations/" + REGISTRATION_ID).param("token", "wrong"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("id=\"not-found\"")));
        mvc.perform(get("/registrations/" + REGISTRATION_ID)).andExpect(status().isNotFound());
        mvc.perform(get("/events/not-an-id")).andExpect(status().isNotFound());
    }

    @Test
    void everyFormNeedsItsCsrfToken() throws Exception {
        mvc.perform(post("/events/" + EVENT_ID + "/register")
                        .param("name", "Élise")
                        .param("email", "elise@musee.example")
                        .param("language", "fr")
                        .param("consent", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/cancel").param("token", "t"))
                .andExpect(status().isForbidden());
        assertThat(registration.received("POST", ".*")).isEmpty();
        assertThat(registration.received("DELETE", ".*")).isEmpty();
        mvc.perform(get("/events/" + EVENT_ID)).andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void thePrivacyNoticeIsPublic() throws Exception {
        mvc.perform(get("/privacy").header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Protección de datos")));
    }
}

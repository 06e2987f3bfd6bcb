package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.StandIn.problem;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.museumevents.gateway.web.Contract.SERIES_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.museumevents.gateway.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organiser pages against stand-ins for the services: login first; every call made with a
 * short-lived token minted for the organiser that verifies as the services verify it; every field
 * of an event; If-Match on edits; decisions, CSV and the delivery log; CSRF on every form. The
 * organisers are those of {@link TestIdentity}.
 */
@GatewayIntegrationTest
class OrganiserPagesTest {

    static final String ISSUER = "http://gateway.test";
    static final String PUBLISHED_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final StandIn notification = StandIns.NOTIFICATION;
    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    static RequestPostProcessor estelle() {
        return user("estelle").roles("ORGANISER");
    }

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events", request -> {
                    String query = String.valueOf(request.query());
                    if (query.contains("status=DRAFT")) {
                        return json(Contract.page(Contract.event(EVENT_ID, "DRAFT")));
                    }
                    if (query.contains("status=PUBLISHED")) {
                        return json(Contract.page(Contract.event(PUBLISHED_ID, "PUBLISHED")
                                .replace("Is the digital world inclusive?", "Museums and solidarity")));
                    }
                    return json(Contract.page());
                })
                .on("GET", "/api/series", json(Contract.page(Contract.series())))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID,
                        new StandIn.Answer(
                                200, "application/json", Contract.event(EVENT_ID, "DRAFT"), Map.of("ETag", "\"3\"")))
                .on(
                        "GET",
                        "/api/events/" + PUBLISHED_ID,
                        new StandIn.Answer(
                                200,
                                "application/json",
                                Contract.event(PUBLISHED_ID, "PUBLISHED"),
                                Map.of("ETag", "\"4\"")));
        registration.on("GET", "/api/events/" + PUBLISHED_ID + "/registration-stats", json(Contract.stats()));
    }

    private Jwt verifiedToken(StandIn.Request request) {
        String authorization = request.header("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        // As a service verifies it: spring.security.oauth2.resourceserver.jwt.jwk-set-uri.
        return TestIdentity.servicesDecoder(port).decode(authorization.substring("Bearer ".length()));
    }

    @Test
    void organiserPagesNeedALoginThatLandsOnTheDashboard() throws Exception {
        mvc.perform(get("/organiser")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/attendees")).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login").header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"login-form\""),
                                containsString("id=\"username\""),
                                containsString("name=\"password\""),
                                containsString("id=\"login-submit\""),
                                containsString("Connexion des organisateurs"))));
        mvc.perform(post("/login").with(csrf()).param("username", "estelle").param("password", "wrong"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", "")).andExpect(content().string(containsString("id=\"login-error\"")));
        mvc.perform(post("/login").with(csrf()).param("username", "estelle").param("password", "solidarite"))
                .andExpect(redirectedUrl("/organiser"));
        mvc.perform(post("/logout").with(csrf()).with(estelle())).andExpect(redirectedUrl("/"));
        assertThat(catalog.received()).isEmpty();
    }

    @Test
    void theDashboardListsDraftsWithCountsUsingATokenMintedForTheOrganiser() throws Exception {
        mvc.perform(get("/organiser").with(estelle()).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"organisation\">icom-france<"),
                                containsString("id=\"events-draft\""),
                                containsString("Is the digital world inclusive?"),
                                containsString("Museums and solidarity"),
                                containsString("120 / 300"),
                                containsString("href=\"/organiser/series/" + SERIES_ID + "\""),
                                containsString("id=\"new-event\""),
                                containsString("id=\"logout-button\""))));

        var listings = catalog.received("GET", "/api/events");
        assertThat(listings).extracting(StandIn.Request::query).allSatisfy(query -> assertThat(query)
                .containsAnyOf("organisation=icom-france", "partnerOrganisation=icom-france"));
        // Issue 16: the events the organisation co-organises, listed after its own.
        assertThat(listings).extracting(StandIn.Request::query).anySatisfy(query -> assertThat(query)
                .contains("partnerOrganisation=icom-france"));
        assertThat(listings)
                .extracting(StandIn.Request::query)
                .anySatisfy(query -> assertThat(query).contains("status=DRAFT"))
                .anySatisfy(query -> assertThat(query).contains("status=PUBLISHED"))
                .anySatisfy(query -> assertThat(query).contains("status=CANCELLED"));
        Jwt token = verifiedToken(listings.get(0));
        assertThat(token.getClaimAsString("org")).isEqualTo("icom-france");
        assertThat(token.getClaimAsStringList("scope")).containsExactly("organiser");
        assertThat(token.getClaimAsString("iss")).isEqualTo(ISSUER);
        assertThat(token.getSubject()).isEqualTo("estelle");
        // The audience every service requires, beside the web client it was minted for.
        assertThat(token.getAudience()).containsExactlyInAnyOrder("museum-events-web", "museum-events");
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
                .isLessThanOrEqualTo(Duration.ofMinutes(5));
        // Registration counts are asked with the same kind of token, for published events only.
        assertThat(registration.received("GET", ".*/registration-stats"))
                .singleElement()
                .satisfies(request -> assertThat(request.path()).contains(PUBLISHED_ID))
                .satisfies(request -> assertThat(verifiedToken(request).getClaimAsString("org"))
                        .isEqualTo("icom-france"));
    }

    @Test
    void theNewEventFormHasEveryFieldWithItsLabel() throws Exception {
        String page = mvc.perform(get("/organiser/events/new").with(estelle()).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (String id : new String[] {
            "event-title-fr", "event-title-en", "event-title-es", "event-description-fr", "event-description-en",
            "event-description-es", "event-default-language", "event-format", "event-start", "event-end",
            "event-time-zone", "event-venue-name", "event-venue-address", "event-venue-city", "event-venue-country",
            "event-meeting-url", "event-meeting-id", "event-meeting-passcode", "event-capacity", "event-opens-at",
            "event-closes-at", "event-requires-approval", "event-waitlist", "event-interpretation", "person-0-name",
            "person-0-affiliation", "person-0-role", "event-series", "event-partners", "event-tags",
            "event-reminders"
        }) {
            assertThat(page).contains("id=\"" + id + "\"").contains("for=\"" + id + "\"");
        }
        assertThat(page).contains("id=\"event-save\"", "name=\"_csrf\"", "<option value=\"Europe/Paris\">");
    }

    @Test
    void createsAnEventWithEveryFieldOfTheContract() throws Exception {
        catalog.on("POST", "/api/events", json(201, Contract.event(EVENT_ID, "DRAFT")));
        mvc.perform(post("/organiser/events")
                        .with(estelle())
                        .with(csrf())
                        .param("titleFr", "Le numérique est-il solidaire ?")
                        .param("titleEn", "Is the digital world inclusive?")
                        .param("titleEs", "")
                        .param("descriptionFr", "Gratuit, accessible, durable...")
                        .param("defaultLanguage", "fr")
                        .param("format", "HYBRID")
                        .param("start", "2027-03-16T13:00")
                        .param("end", "2027-03-16T14:30")
                        .param("timeZone", "Europe/Paris")
                        .param("venueName", "La Coursive")
                        .param("venueAddress", "4 boulevard de Strasbourg")
                        .param("venueCity", "Dijon")
                        .param("venueCountry", "France")
                        .param("meetingUrl", Contract.MEETING_URL)
                        .param("meetingId", "823 4286 1023")
                        .param("meetingPasscode", Contract.PASSCODE)
                        .param("capacity", "40")
                        .param("opensAt", "")
                        .param("closesAt", "2027-03-16T12:00")
                        .param("_requiresApproval", "on")
                        .param("requiresApproval", "true")
                        .param("_waitlist", "on")
                        .param("interpretation", "fr, EN")
                        .param("people[0].name", "Anastasia Chourmouziadi")
                        .param("people[0].affiliation", "University of Aegean")
                        .param("people[0].role", "SPEAKER")
                        .param("people[1].name", "")
                        .param("people[1].affiliation", "")
                        .param("people[1].role", "SPEAKER")
                        .param("people[2].name", "Estelle Guille des Buttes")
                        .param("people[2].affiliation", "ICOM France")
                        .param("people[2].role", "MODERATOR")
                        .param("seriesId", SERIES_ID)
                        .param("partners", "ICOM Finland\r\nICOM Greece\r\n")
                        .param("tags", "solidarity, digital")
                        .param("reminders", "P1D, pt1h"))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID));

        StandIn.Request sent = catalog.received("POST", "/api/events").get(0);
        assertThat(verifiedToken(sent).getClaimAsString("org")).isEqualTo("icom-france");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.get("seriesId").asString()).isEqualTo(SERIES_ID);
        assertThat(body.get("title").properties()).hasSize(2);
        assertThat(body.at("/title/fr").asString()).isEqualTo("Le numérique est-il solidaire ?");
        assertThat(body.at("/title/en").asString()).isEqualTo("Is the digital world inclusive?");
        assertThat(body.at("/description/fr").asString()).isEqualTo("Gratuit, accessible, durable...");
        assertThat(body.get("defaultLanguage").asString()).isEqualTo("fr");
        assertThat(body.get("format").asString()).isEqualTo("HYBRID");
        assertThat(body.get("start").asString()).isEqualTo("2027-03-16T13:00");
        assertThat(body.get("end").asString()).isEqualTo("2027-03-16T14:30");
        assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(body.at("/venue/name").asString()).isEqualTo("La Coursive");
        assertThat(body.at("/venue/city").asString()).isEqualTo("Dijon");
        assertThat(body.at("/meeting/url").asString()).isEqualTo(Contract.MEETING_URL);
        assertThat(body.at("/meeting/passcode").asString()).isEqualTo(Contract.PASSCODE);
        assertThat(body.get("capacity").asInt()).isEqualTo(40);
        assertThat(body.at("/registration/opensAt").isNull()).isTrue();
        // 12:00 in Paris in March (UTC+1).
        assertThat(body.at("/registration/closesAt").asString()).isEqualTo("2027-03-16T11:00:00Z");
        assertThat(body.at("/registration/requiresApproval").asBoolean()).isTrue();
        assertThat(body.at("/registration/waitlist").asBoolean()).isFalse();
        assertThat(body.get("interpretation").toString()).isEqualTo("[\"fr\",\"en\"]");
        assertThat(body.get("people")).hasSize(2);
        assertThat(body.at("/people/1/name").asString()).isEqualTo("Estelle Guille des Buttes");
        assertThat(body.at("/people/1/role").asString()).isEqualTo("MODERATOR");
        assertThat(body.get("partners").toString()).isEqualTo("[\"ICOM Finland\",\"ICOM Greece\"]");
        assertThat(body.get("tags").toString()).isEqualTo("[\"solidarity\",\"digital\"]");
        assertThat(body.get("reminders").toString()).isEqualTo("[\"P1D\",\"PT1H\"]");
    }

    @Test
    void mistakesAreShownNextToTheirFieldsBeforeAndAfterCallingTheCatalog() throws Exception {
        mvc.perform(post("/organiser/events")
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("titleEn", "Only English")
                        .param("defaultLanguage", "fr")
                        .param("format", "ONLINE")
                        .param("start", "2027-03-16T13:00")
                        .param("end", "2027-03-16T12:00")
                        .param("timeZone", "Europe/Paris")
                        .param("capacity", "forty"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"event-title-fr-error\""),
                                containsString("id=\"event-end-error\""),
                                containsString("id=\"event-capacity-error\""),
                                containsString("value=\"Only English\""),
                                containsString("value=\"forty\""))));
        assertThat(catalog.received("POST", ".*")).isEmpty();

        catalog.on(
                "POST",
                "/api/events",
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields.",
                         "errors":[{"field":"venue","message":"is required for IN_PERSON events"},
                                   {"field":"reminders[1]","message":"must be between PT1M and P60D"},
                                   {"field":"people[0].name","message":"must not be blank"}]}""",
                        Map.of()));
        mvc.perform(post("/organiser/events")
                        .with(estelle())
                        .with(csrf())
                        .param("titleFr", "Atelier")
                        .param("defaultLanguage", "fr")
                        .param("format", "IN_PERSON")
                        .param("start", "2027-03-16T13:00")
                        .param("end", "2027-03-16T14:00")
                        .param("timeZone", "Europe/Paris")
                        .param("people[0].affiliation", "Ocim")
                        .param("reminders", "P1D, P90D"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("Please fill this in."),
                                containsString(
                                        "<p class=\"field-error\" id=\"event-reminders-error\">must be between PT1M and P60D</p>"),
                                containsString("id=\"person-0-name-error\""),
                                containsString("value=\"Ocim\""))));
    }

    @Test
    void theCatalogsFieldErrorsAreSaidInTheOrganisersLanguage() throws Exception {
        catalog.on(
                "POST",
                "/api/events",
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields.",
                         "errors":[{"field":"venue","message":"is required for IN_PERSON events"},
                                   {"field":"title.fr","message":"must be a single line without control characters"},
                                   {"field":"people[0].name","message":"must not be blank"}]}""",
                        Map.of()));
        String page = mvc.perform(post("/organiser/events")
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "fr")
                        .param("titleFr", "Atelier")
                        .param("defaultLanguage", "fr")
                        .param("format", "IN_PERSON")
                        .param("start", "2027-03-16T13:00")
                        .param("end", "2027-03-16T14:00")
                        .param("timeZone", "Europe/Paris")
                        .param("people[0].affiliation", "Ocim"))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Merci de remplir ce champ.")
                .contains("Merci d’écrire ce texte sur une seule ligne, sans caractères spéciaux.")
                .doesNotContain("is required for", "single line", "must not be blank");
    }

    @Test
    void editingSendsTheETagBackAndAChangeMadeMeanwhileAsksToReload() throws Exception {
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/edit").with(estelle()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("name=\"etag\" value=\"&quot;3&quot;\""),
                                containsString("value=\"Le numérique est-il solidaire ?\""),
                                containsString("value=\"2099-02-16T13:00\""),
                                // 11:00Z is 12:00 in Paris in February.
                                containsString("value=\"2099-02-16T12:00\""),
                                containsString("value=\"Estelle Guille des Buttes\""),
                                containsString("id=\"person-4-name\""))));

        catalog.on("PUT", "/api/events/" + EVENT_ID, problem(412, "stale-version", "If-Match does not match."));
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/edit")
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("etag", "\"3\"")
                        .param("titleFr", "Titre modifié")
                        .param("defaultLanguage", "fr")
                        .param("format", "ONLINE")
                        .param("start", "2099-02-16T13:00")
                        .param("end", "2099-02-16T14:30")
                        .param("timeZone", "Europe/Paris"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"stale-warning\""),
                                containsString("changed by someone else"),
                                containsString("id=\"reload-event\" href=\"/organiser/events/" + EVENT_ID + "/edit\""),
                                containsString("value=\"Titre modifié\""))));
        assertThat(catalog.received("PUT", "/api/events/" + EVENT_ID))
                .singleElement()
                .satisfies(request -> assertThat(request.header("If-Match")).isEqualTo("\"3\""));

        catalog.on("PUT", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "DRAFT")));
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/edit")
                        .with(estelle())
                        .with(csrf())
                        .param("etag", "\"3\"")
                        .param("titleFr", "Titre modifié")
                        .param("defaultLanguage", "fr")
                        .param("format", "ONLINE")
                        .param("start", "2099-02-16T13:00")
                        .param("end", "2099-02-16T14:30")
                        .param("timeZone", "Europe/Paris"))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID));
    }

    @Test
    void publishingAndCancellingAnEventAfterConfirmation() throws Exception {
        mvc.perform(get("/organiser/events/" + EVENT_ID).with(estelle()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"event-status\" data-status=\"DRAFT\""),
                                containsString("id=\"publish-event\""),
                                containsString("id=\"cancel-event\""),
                                // The organiser's own page shows the meeting details.
                                containsString(Contract.PASSCODE))));

        catalog.on("POST", "/api/events/" + EVENT_ID + "/publish", json(Contract.event(EVENT_ID, "PUBLISHED")));
        MvcResult published = mvc.perform(post("/organiser/events/" + EVENT_ID + "/publish")
                        .with(estelle())
                        .with(csrf()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID))
                .andReturn();
        assertThat(published.getFlashMap().get("flash")).isNotNull();
        assertThat(catalog.received("POST", ".*/publish")).singleElement().satisfies(request -> assertThat(
                        verifiedToken(request).getClaimAsString("org"))
                .isEqualTo("icom-france"));

        catalog.on(
                "POST",
                "/api/events/" + EVENT_ID + "/publish",
                new StandIn.Answer(
                        422,
                        "application/problem+json",
                        "{\"type\":\"https://museum-events.org/problems/meeting-required\",\"status\":422}",
                        Map.of()));
        MvcResult refused = mvc.perform(post("/organiser/events/" + EVENT_ID + "/publish")
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en"))
                .andReturn();
        assertThat(refused.getFlashMap().get("problemMessage").toString()).contains("meeting link");

        mvc.perform(get("/organiser/events/" + EVENT_ID + "/cancel").with(estelle()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"confirm-cancel-event\"")));
        assertThat(catalog.received("POST", ".*/cancel")).isEmpty();
        catalog.on("POST", "/api/events/" + EVENT_ID + "/cancel", json(Contract.event(EVENT_ID, "CANCELLED")));
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/cancel")
                        .with(estelle())
                        .with(csrf()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID));
        assertThat(catalog.received("POST", ".*/cancel")).hasSize(1);
    }

    @Test
    void theAttendeeListDecidesPendingOnesCancelsAndExportsCsv() throws Exception {
        String pending = "1a2b3c4d-0000-4000-8000-000000000001";
        registration
                .on(
                        "GET",
                        "/api/events/" + PUBLISHED_ID + "/attendees",
                        request -> request.header("Accept").contains("text/csv")
                                ? new StandIn.Answer(
                                        200,
                                        "text/csv;charset=UTF-8",
                                        "name,email,status\nÉlise Martin,elise@musee.example,PENDING\n",
                                        Map.of())
                                : json(Contract.page(
                                        Contract.registration(pending, "PENDING"),
                                        Contract.registration(REGISTRATION_ID, "CONFIRMED"))))
                .on(
                        "POST",
                        "/api/registrations/" + pending + "/approve",
                        json(Contract.registration(pending, "CONFIRMED")))
                .on(
                        "GET",
                        "/api/registrations/" + REGISTRATION_ID + "/organiser-view",
                        json(Contract.registration(REGISTRATION_ID, "CONFIRMED")))
                .on(
                        "POST",
                        "/api/registrations/" + REGISTRATION_ID + "/cancel",
                        json(Contract.registration(REGISTRATION_ID, "CANCELLED")));

        mvc.perform(get("/organiser/events/" + PUBLISHED_ID + "/attendees")
                        .with(estelle())
                        .param("status", "PENDING")
                        .param("q", "élise")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"attendee-list\""),
                                containsString("Élise Martin"),
                                containsString("id=\"approve-" + pending + "\""),
                                containsString("id=\"reject-" + pending + "\""),
                                not(containsString("id=\"approve-" + REGISTRATION_ID + "\"")),
                                containsString("id=\"cancel-" + REGISTRATION_ID + "\""),
                                containsString("id=\"stats-confirmed\">120<"),
                                containsString("id=\"stats-places-left\">178<"),
                                containsString("id=\"export-csv\" class=\"button secondary\" href=\"/organiser/events/"
                                        + PUBLISHED_ID + "/attendees.csv?status=PENDING&amp;q=%C3%A9lise\""))));
        assertThat(registration.received("GET", ".*/attendees").get(0).query())
                .contains("status=PENDING", "q=%C3%A9lise");

        // Without filters: everyone.
        mvc.perform(get("/organiser/events/" + PUBLISHED_ID + "/attendees").with(estelle()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"attendee-list\"")));
        assertThat(registration.received("GET", ".*/attendees").get(1).query()).doesNotContain("status=", "q=");

        mvc.perform(post("/organiser/registrations/" + pending + "/approve")
                        .with(estelle())
                        .with(csrf())
                        .param("event", PUBLISHED_ID))
                .andExpect(redirectedUrl("/organiser/events/" + PUBLISHED_ID + "/attendees"));
        assertThat(registration.received("POST", ".*/approve")).hasSize(1);

        mvc.perform(get("/organiser/registrations/" + REGISTRATION_ID + "/cancel")
                        .with(estelle()))
                .andExpect(content().string(containsString("id=\"confirm-cancel-registration\"")));
        mvc.perform(post("/organiser/registrations/" + REGISTRATION_ID + "/cancel")
                        .with(estelle())
                        .with(csrf())
                        .param("event", EVENT_ID))
                .andExpect(status().is3xxRedirection());
        assertThat(registration.received("POST", ".*/cancel")).hasSize(1);

        MvcResult csv = mvc.perform(get("/organiser/events/" + PUBLISHED_ID + "/attendees.csv")
                        .with(estelle()))
                .andExpect(status().isOk())
                .andExpect(header().string(
                                "Content-Disposition", "attachment; filename=\"attendees-" + PUBLISHED_ID + ".csv\""))
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn();
        assertThat(new String(csv.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("name,email,status\nÉlise Martin,elise@musee.example,PENDING\n");
    }

    @Test
    void theDeliveryLogListsTheEventsEmails() throws Exception {
        notification.on(
                "GET",
                "/api/events/" + PUBLISHED_ID + "/notifications",
                json(
                        """
                        [{"registrationId":"%s","recipient":"elise@musee.example","kind":"CONFIRMATION","status":"SENT",
                          "attempts":1,"scheduledFor":"2099-01-10T09:00:00Z","sentAt":"2099-01-10T09:00:05Z"},
                         {"registrationId":"%s","recipient":"elise@musee.example","kind":"REMINDER","status":"SCHEDULED",
                          "attempts":0,"scheduledFor":"2099-02-15T12:00:00Z","sentAt":null}]"""
                                .formatted(REGISTRATION_ID, REGISTRATION_ID)));
        mvc.perform(get("/organiser/events/" + PUBLISHED_ID + "/notifications")
                        .with(estelle())
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"delivery-log\""),
                                containsString("elise@musee.example"),
                                containsString("Confirmación"),
                                containsString("Recordatorio"),
                                containsString("Programado"))));
        assertThat(verifiedToken(notification.received().get(0)).getClaimAsString("org"))
                .isEqualTo("icom-france");
    }

    @Test
    void aSeriesWithItsRecurrenceAndItsNextOccurrences() throws Exception {
        catalog.on("POST", "/api/series", json(201, Contract.series()))
                .on("GET", "/api/series/" + SERIES_ID, json(Contract.series()))
                .on(
                        "POST",
                        "/api/series/" + SERIES_ID + "/occurrences",
                        json(
                                201,
                                "{\"events\": [" + Contract.event(EVENT_ID, "DRAFT") + ","
                                        + Contract.event(PUBLISHED_ID, "DRAFT") + "]}"));
        mvc.perform(post("/organiser/series")
                        .with(estelle())
                        .with(csrf())
                        .param("titleFr", "Solidarité, musées : de quoi parle-t-on ?")
                        .param("defaultLanguage", "fr")
                        .param("rule", "FREQ=MONTHLY;BYDAY=3TU")
                        .param("start", "2027-01-19T13:00")
                        .param("durationMinutes", "90")
                        .param("timeZone", "Europe/Paris"))
                .andExpect(redirectedUrl("/organiser/series/" + SERIES_ID));
        JsonNode body =
                json.readTree(catalog.received("POST", "/api/series").get(0).body());
        assertThat(body.at("/title/fr").asString()).isEqualTo("Solidarité, musées : de quoi parle-t-on ?");
        assertThat(body.at("/recurrence/rule").asString()).isEqualTo("FREQ=MONTHLY;BYDAY=3TU");
        assertThat(body.at("/recurrence/start").asString()).isEqualTo("2027-01-19T13:00");
        assertThat(body.at("/recurrence/durationMinutes").asInt()).isEqualTo(90);
        assertThat(body.at("/recurrence/timeZone").asString()).isEqualTo("Europe/Paris");

        mvc.perform(get("/organiser/series/" + SERIES_ID).with(estelle()))
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"occurrences-count\""),
                                containsString("id=\"create-occurrences\""))));
        MvcResult created = mvc.perform(post("/organiser/series/" + SERIES_ID + "/occurrences")
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("count", "2"))
                .andExpect(redirectedUrl("/organiser/series/" + SERIES_ID))
                .andReturn();
        assertThat(catalog.received("POST", ".*/occurrences").get(0).body()).isEqualTo("{\"count\":2}");
        assertThat(created.getFlashMap().get("flash").toString()).contains("2 new sessions");
    }

    @Test
    void organiserFormsNeedTheirCsrfTokenAndAnotherOrganisationsEventIsNotFound() throws Exception {
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/publish").with(estelle()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events").with(estelle()).param("titleFr", "x"))
                .andExpect(status().isForbidden());
        assertThat(catalog.received("POST", ".*")).isEmpty();

        String other = "00000000-0000-4000-8000-000000000000";
        mvc.perform(get("/organiser/events/" + other).with(estelle()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("id=\"not-found\"")));
    }
}

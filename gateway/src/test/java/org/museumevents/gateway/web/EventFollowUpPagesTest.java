package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event editor's follow-up (issue 15) against the stand-in catalog: the page shows the
 * follow-up the catalog holds (hours, texts, links), posts it back unchanged with an unrelated edit,
 * sends the organiser's hours as an ISO-8601 duration with only the link rows filled, sends none
 * when everything is empty, refuses unreadable hours itself, and shows the catalog's refusals by
 * the field they name.
 */
@GatewayIntegrationTest
class EventFollowUpPagesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final JsonMapper json = JsonMapper.builder().build();

    static final String FOLLOW_UP =
            """
            {"after": "PT1H30M",
             "text": {"fr": "Merci d’être venus.\\nLa suite le 16 mars.", "en": "Thank you for coming."},
             "links": [{"label": "The recording", "url": "https://video.example.org/solidarity-4"},
                       {"label": "Survey", "url": "https://survey.example.org/s/4?lang=fr&x=1"}]}""";

    @Autowired
    MockMvc mvc;

    static String eventWithFollowUp(String followUp) {
        return Contract.event(EVENT_ID, "DRAFT")
                .replace("\"version\": 3", "\"followUp\": " + followUp + ", \"version\": 3");
    }

    private void catalogHolds(String event) {
        catalog.on("GET", "/api/series", json(Contract.page(Contract.series())))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID,
                        new StandIn.Answer(200, "application/json", event, Map.of("ETag", "\"3\"")))
                .on("PUT", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "DRAFT")));
    }

    @BeforeEach
    void script() {
        catalogHolds(eventWithFollowUp(FOLLOW_UP));
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.with(user("estelle").roles("ORGANISER")).header("Accept-Language", "en");
    }

    private String editPage() throws Exception {
        return mvc.perform(as(get("/organiser/events/" + EVENT_ID + "/edit")))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private MockHttpServletResponse submit(String page, Map<String, String> changes) throws Exception {
        Map<String, List<String>> fields = EventQuestionsPagesTest.formFields(page);
        changes.forEach((name, value) -> fields.put(name, value == null ? List.of() : List.of(value)));
        MockHttpServletRequestBuilder request =
                as(post("/organiser/events/" + EVENT_ID + "/edit")).with(csrf());
        fields.forEach((name, values) -> values.forEach(value -> request.param(name, value)));
        return mvc.perform(request).andReturn().getResponse();
    }

    private JsonNode lastPut() {
        List<StandIn.Request> puts = catalog.received("PUT", "/api/events/" + EVENT_ID);
        assertThat(puts).isNotEmpty();
        return json.readTree(puts.get(puts.size() - 1).body());
    }

    @Test
    void theFollowUpIsShownAndSurvivesAnUnrelatedEdit() throws Exception {
        String page = editPage();
        assertThat(page)
                .contains("id=\"follow-up\"", "for=\"follow-up-hours\"", "value=\"1.5\"")
                .contains("for=\"follow-up-text-fr\"", "for=\"follow-up-text-en\"", "for=\"follow-up-text-es\"")
                .contains("Thank you for coming.")
                .contains("id=\"follow-up-link-0-label\"", "value=\"The recording\"")
                .contains("value=\"https://survey.example.org/s/4?lang=fr&amp;x=1\"")
                // Two links held, one empty row more for a third.
                .contains("id=\"follow-up-link-2-url\"")
                .doesNotContain("id=\"follow-up-link-3-url\"");

        MockHttpServletResponse saved = submit(page, Map.of("titleFr", "Titre modifié"));
        assertThat(saved.getStatus()).isEqualTo(302);
        JsonNode sent = lastPut().get("followUp");
        assertThat(sent).isEqualTo(json.readTree(FOLLOW_UP));
    }

    @Test
    void theAudienceTheAttestationAndThePartnerOrganisationsAreShownAndSent() throws Exception {
        catalogHolds(eventWithFollowUp(FOLLOW_UP.replace(
                        "\"after\": \"PT1H30M\",",
                        "\"after\": \"PT1H30M\", \"audience\": \"ATTENDED\", \"attestation\": true,"))
                .replace("\"version\": 3", "\"partnerOrganisations\": [\"icom-greece\"], \"version\": 3"));
        String page = editPage();
        assertThat(page)
                .contains("id=\"follow-up-audience\"", "<option value=\"ATTENDED\" selected=\"selected\"")
                .contains("id=\"follow-up-attestation\"")
                .contains("id=\"event-partner-organisations\"", "value=\"icom-greece\"");

        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("followUpAudience", "ABSENT");
        changes.put("followUpAttestation", null);
        changes.put("partnerOrganisations", "icom-greece, ICOM-Finland");
        assertThat(submit(page, changes).getStatus()).isEqualTo(302);
        JsonNode sent = lastPut();
        assertThat(sent.get("followUp").get("audience").asString()).isEqualTo("ABSENT");
        assertThat(sent.get("followUp").has("attestation")).isFalse();
        assertThat(sent.get("partnerOrganisations").toString()).isEqualTo("[\"icom-greece\",\"icom-finland\"]");

        // The catalog's refusal of a slug is shown by the field.
        catalog.on(
                "PUT",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"title": "Invalid", "status": 400, "errors": [{"field": "partnerOrganisations[1]", "message": "must not be the event's own organisation"}]}""",
                        Map.of()));
        changes.put("partnerOrganisations", "icom-greece, icom-france");
        String refused = submit(page, changes).getContentAsString();
        assertThat(refused).contains("id=\"event-partner-organisations-error\"");
    }

    @Test
    void theOrganiserWritesAFollowUpInHoursWithTheLinksTheyFilled() throws Exception {
        catalogHolds(Contract.event(EVENT_ID, "DRAFT"));
        String page = editPage();
        assertThat(page).contains("id=\"follow-up-link-2-label\"");
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("followUpHours", "2");
        changes.put("followUpTextEs", "Gracias.\nHasta pronto.");
        changes.put("followUpLinks[1].label", "Slides");
        changes.put("followUpLinks[1].url", "https://slides.example.org/4");
        assertThat(submit(page, changes).getStatus()).isEqualTo(302);
        JsonNode sent = lastPut().get("followUp");
        assertThat(sent.get("after").asString()).isEqualTo("PT2H");
        assertThat(sent.get("text").size()).isEqualTo(1);
        assertThat(sent.at("/text/es").asString()).isEqualTo("Gracias.\nHasta pronto.");
        assertThat(sent.get("links")).hasSize(1);
        assertThat(sent.at("/links/0/url").asString()).isEqualTo("https://slides.example.org/4");

        // Everything emptied: no follow-up.
        Map<String, String> emptied = new LinkedHashMap<>();
        emptied.put("followUpHours", "");
        emptied.put("followUpTextEs", "");
        emptied.put("followUpLinks[1].label", "");
        emptied.put("followUpLinks[1].url", "");
        assertThat(submit(page, emptied).getStatus()).isEqualTo(302);
        assertThat(lastPut().get("followUp").isNull()).isTrue();
    }

    @Test
    void unreadableHoursAreRefusedBeforeTheCatalogIsAsked() throws Exception {
        String page = editPage();
        int before = catalog.received("PUT", ".*").size();
        for (String hours : List.of("two", "-1", "721", "", "1e2", "1e-10000000", "+1", "0x10", "1.5.5", "1.23456")) {
            MockHttpServletResponse refused = submit(page, Map.of("followUpHours", hours));
            assertThat(refused.getStatus()).as(hours).isEqualTo(400);
            assertThat(refused.getContentAsString())
                    .as(hours)
                    .contains(
                            "id=\"follow-up-hours-error\"",
                            "aria-describedby=\"follow-up-hours-hint follow-up-hours-error\"")
                    // The texts typed stay on the page.
                    .contains("Thank you for coming.");
        }
        assertThat(catalog.received("PUT", ".*")).hasSize(before);
    }

    @Test
    void anExponentIsRefusedAtOnceNotComputed() throws Exception {
        String page = editPage();
        long started = System.nanoTime();
        MockHttpServletResponse refused = submit(page, Map.of("followUpHours", "1e-10000000", "followUpAfter", ""));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("id=\"follow-up-hours-error\"");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(3));
    }

    @Test
    void savingUnchangedKeepsTheStoredDelayExactly() throws Exception {
        catalogHolds(eventWithFollowUp(FOLLOW_UP.replace("PT1H30M", "PT1M30S")));
        String page = editPage();
        // A minute and a half, in hours with enough decimals to be read.
        assertThat(page).contains("value=\"0.025\"", "name=\"followUpAfter\"", "value=\"PT1M30S\"");
        assertThat(submit(page, Map.of("titleFr", "Titre modifié")).getStatus()).isEqualTo(302);
        assertThat(lastPut().at("/followUp/after").asString()).isEqualTo("PT1M30S");

        // The hours changed: they are what is sent, in seconds when they have some.
        assertThat(submit(page, Map.of("followUpHours", "0,0125")).getStatus()).isEqualTo(302);
        assertThat(lastPut().at("/followUp/after").asString()).isEqualTo("PT45S");
        assertThat(submit(page, Map.of("followUpHours", "3")).getStatus()).isEqualTo(302);
        assertThat(lastPut().at("/followUp/after").asString()).isEqualTo("PT3H");

        // A day stored as P1D stays P1D, not the PT24H the hours would make.
        catalogHolds(eventWithFollowUp(FOLLOW_UP.replace("PT1H30M", "P1D")));
        String dayPage = editPage();
        assertThat(dayPage).contains("value=\"24\"", "value=\"P1D\"");
        assertThat(submit(dayPage, Map.of("titleFr", "Titre modifié")).getStatus())
                .isEqualTo(302);
        assertThat(lastPut().at("/followUp/after").asString()).isEqualTo("P1D");
        assertThat(submit(dayPage, Map.of("followUpHours", "24,0")).getStatus()).isEqualTo(302);
        assertThat(lastPut().at("/followUp/after").asString()).isEqualTo("PT24H");

        // A stored delay the form was not rendered with (forged) is no licence to skip the hours' check.
        MockHttpServletResponse forged = submit(page, Map.of("followUpAfter", "P999D", "followUpHours", "1e3"));
        assertThat(forged.getStatus()).isEqualTo(400);
    }

    @Test
    void theCatalogsRefusalsAreShownByTheFieldTheyName() throws Exception {
        catalog.on(
                "PUT",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "errors":[{"field":"followUp.text.en","message":"must be at most 5000 characters"},
                                   {"field":"followUp.links[1].url","message":"must be an absolute http or https URL"}]}""",
                        Map.of()));
        MockHttpServletResponse refused = submit(editPage(), Map.of());
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                // In the page's words, not the service's.
                .contains(
                        "<p class=\"field-error\" id=\"follow-up-text-en-error\">At most 5,000 characters, please.</p>")
                .contains(
                        "<p class=\"field-error\" id=\"follow-up-link-1-url-error\">Please enter a web address starting with https://.</p>")
                // The summary names each field in words.
                .contains("<strong>Follow-up text in English</strong>", "<strong>Link 2: web address</strong>");
    }
}

package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner organisations (issue 16, docs/api.md) on the real database: an event and a series'
 * defaults name them, the public sees and filters by them, each rule refuses with a 400 naming the
 * entry, and neither a partner's organisers nor door staff change anything here.
 */
@CatalogIntegrationTest
class PartnerOrganisationsApiTest {

    final String icom = Fixtures.organisation("icom-france");
    final String greece = Fixtures.organisation("icom-greece");
    final String finland = Fixtures.organisation("icom-finland");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void anEventNamesItsPartnersTheyAreShownAndFilterTheListing() throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("partnerOrganisations", List.of(greece, finland));
        String id = CatalogRequests.publish(mvc, json, icom, event);
        String alone = CatalogRequests.publish(mvc, json, icom, Fixtures.onlineDebate());

        assertThat(partners(answer(get("/api/events/{id}", id)))).containsExactly(greece, finland);
        assertThat(partners(answer(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, bearer(icom)))))
                .containsExactly(greece, finland);
        assertThat(partners(answer(get("/api/events/{id}", alone)))).isEmpty();

        JsonNode listing = json.readTree(
                answer(get("/api/events").param("partnerOrganisation", greece)).getContentAsString());
        assertThat(listing.path("page").path("totalElements").asLong()).isEqualTo(1);
        assertThat(listing.path("content").get(0).path("id").asString()).isEqualTo(id);
        assertThat(json.readTree(answer(get("/api/events").param("partnerOrganisation", icom))
                                .getContentAsString())
                        .path("page")
                        .path("totalElements")
                        .asLong())
                .isZero();
        // A draft naming the partner is not listed for it.
        Map<String, Object> draft = Fixtures.onlineDebate();
        draft.put("partnerOrganisations", List.of(greece));
        CatalogRequests.create(mvc, json, icom, draft);
        assertThat(json.readTree(answer(get("/api/events")
                                        .param("partnerOrganisation", greece)
                                        .header(HttpHeaders.AUTHORIZATION, bearer(greece)))
                                .getContentAsString())
                        .path("page")
                        .path("totalElements")
                        .asLong())
                .isEqualTo(1);

        // A replace without them removes them.
        event.remove("partnerOrganisations");
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isOk());
        assertThat(partners(answer(get("/api/events/{id}", id)))).isEmpty();
    }

    @Test
    void eachRuleRefusesNamingTheEntry() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("partner-" + i);
        }
        List<String> withNull = new ArrayList<>();
        withNull.add(greece);
        withNull.add(null);
        assertRefused(List.of("ICOM Greece"), "partnerOrganisations[0]");
        assertRefused(List.of(greece, "a"), "partnerOrganisations[1]");
        assertRefused(List.of("x".repeat(65)), "partnerOrganisations[0]");
        assertRefused(List.of(greece, "icom_greece"), "partnerOrganisations[1]");
        assertRefused(many, "partnerOrganisations");
        assertRefused(List.of(greece, finland, greece), "partnerOrganisations[2]");
        assertRefused(List.of(finland, icom), "partnerOrganisations[1]");
        assertRefused(withNull, "partnerOrganisations[1]");
        // Twenty distinct slugs are fine.
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("partnerOrganisations", many.subList(0, 20));
        CatalogRequests.create(mvc, json, icom, event);
    }

    @Test
    void aSeriesDefaultsReachItsOccurrencesAndAreHeldToTheSameRules() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Solidarités", "en", "Solidarity"));
        series.put(
                "recurrence",
                Map.of(
                        "rule", "FREQ=MONTHLY;BYDAY=3TU",
                        "start", "2027-01-19T13:00",
                        "durationMinutes", 90,
                        "timeZone", "Europe/Paris"));
        series.put("eventDefaults", Map.of("format", "ONLINE", "partnerOrganisations", List.of(greece, icom)));
        MockHttpServletResponse refused = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("\"field\":\"eventDefaults.partnerOrganisations[1]\"");
        series.put("eventDefaults", Map.of("format", "ONLINE", "partnerOrganisations", List.of("Not A Slug")));
        refused = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("\"field\":\"eventDefaults.partnerOrganisations[0]\"");

        series.put("eventDefaults", Map.of("format", "ONLINE", "partnerOrganisations", List.of(greece)));
        MockHttpServletResponse created = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        String seriesId = json.readTree(created.getContentAsString()).path("id").asString();
        MockHttpServletResponse occurrences = mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("count", 2))))
                .andReturn()
                .getResponse();
        assertThat(occurrences.getStatus()).isEqualTo(201);
        JsonNode events = json.readTree(occurrences.getContentAsString()).path("events");
        assertThat(events.size()).isEqualTo(2);
        for (JsonNode event : events) {
            assertThat(partners(event)).containsExactly(greece);
        }
    }

    /**
     * A partner's organisers and door staff change nothing in the catalog, and see no draft nor
     * meeting secret: 403 or 404 problems without the event's data.
     */
    @Test
    void partnersAndDoorStaffChangeNothing() throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("partnerOrganisations", List.of(greece));
        String id = CatalogRequests.publish(mvc, json, icom, event);
        Map<String, Object> draftBody = Fixtures.onlineDebate();
        draftBody.put("partnerOrganisations", List.of(greece));
        String draft = CatalogRequests.create(mvc, json, icom, draftBody);
        String door = "Bearer " + TestTokens.withRole(icom, "door");
        String partnerDoor = "Bearer " + TestTokens.withRole(greece, "door");

        for (String caller : List.of(bearer(greece), door, partnerDoor)) {
            assertRefused(put("/api/events/{id}", id)
                    .header(HttpHeaders.AUTHORIZATION, caller)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(event)));
            assertRefused(post("/api/events/{id}/publish", draft).header(HttpHeaders.AUTHORIZATION, caller));
            assertRefused(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, caller));
            assertRefused(get("/api/events/{id}", draft).header(HttpHeaders.AUTHORIZATION, caller));
            // The published event: its public view only, never the meeting.
            String seen = answer(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, caller))
                    .getContentAsString();
            assertThat(json.readTree(seen).has("meeting")).isFalse();
        }
        assertThat(mvc.perform(post("/api/events")
                                .header(HttpHeaders.AUTHORIZATION, door)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json.writeValueAsString(Fixtures.onlineDebate())))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        // Nothing changed: still published, the draft still a draft.
        assertThat(json.readTree(answer(get("/api/events/{id}", id)).getContentAsString())
                        .path("status")
                        .asString())
                .isEqualTo("PUBLISHED");
        assertThat(json.readTree(answer(get("/api/events/{id}", draft).header(HttpHeaders.AUTHORIZATION, bearer(icom)))
                                .getContentAsString())
                        .path("status")
                        .asString())
                .isEqualTo("DRAFT");
    }

    private void assertRefused(List<String> partners, String field) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("partnerOrganisations", partners);
        MockHttpServletResponse response = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus())
                .as(partners + " " + response.getContentAsString())
                .isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).as(partners.toString()).contains("\"field\":\"" + field + "\"");
    }

    private void assertRefused(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isIn(403, 404);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).doesNotContain("zoom").doesNotContain("numérique");
    }

    private MockHttpServletResponse answer(RequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response;
    }

    private List<String> partners(MockHttpServletResponse response) throws Exception {
        return partners(json.readTree(response.getContentAsString()));
    }

    private static List<String> partners(JsonNode event) {
        List<String> partners = new ArrayList<>();
        event.path("partnerOrganisations").forEach(p -> partners.add(p.asString()));
        return partners;
    }

    private static String bearer(String organisation) {
        return TestTokens.bearer(organisation);
    }
}

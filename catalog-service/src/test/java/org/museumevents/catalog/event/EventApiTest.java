package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CatalogIntegrationTest
class EventApiTest {

    // Organisations of each test's own: the context and its database are shared with other classes.
    final String icom = Fixtures.organisation("icom-france");
    final String ocim = Fixtures.organisation("ocim");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void organiserCreatesADraftThenPublishesItAndThePublicNeverSeesTheMeeting() throws Exception {
        String id = CatalogRequests.create(mvc, json, icom, Fixtures.onlineDebate());

        mvc.perform(get("/api/events/{id}", id)).andExpect(status().isNotFound());
        mvc.perform(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.meeting.passcode").value("010934"));

        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""));

        mvc.perform(get("/api/events/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title.en").value("Is the digital world inclusive?"))
                .andExpect(jsonPath("$.people[1].role").value("MODERATOR"))
                .andExpect(jsonPath("$.interpretation[2]").value("es"))
                .andExpect(jsonPath("$.startsAt").value("2027-02-16T12:00:00Z"))
                .andExpect(jsonPath("$.meeting").doesNotExist())
                .andExpect(content().string(not(containsString("010934"))))
                .andExpect(content().string(not(containsString("82342861023"))));

        // Another organisation's organiser is the public here.
        mvc.perform(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.meeting").doesNotExist());
        mvc.perform(get("/api/events").param("q", "digital world"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("010934"))));
    }

    @Test
    void createAnswers201WithLocationAndTheEventAsOrganisersSeeIt() throws Exception {
        mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.workshop())))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, containsString("/api/events/")))
                .andExpect(jsonPath("$.organisation").value(ocim))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.venue.city").value("Dijon"))
                .andExpect(jsonPath("$.capacity").value(40))
                .andExpect(jsonPath("$.registration.waitlist").value(true))
                .andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void anotherOrganisationCannotSeeOrChangeADraft() throws Exception {
        String id = CatalogRequests.create(mvc, json, icom, Fixtures.onlineDebate());
        String other = TestTokens.bearer(ocim);

        mvc.perform(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, other))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, other))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, other))
                .andExpect(status().isNotFound());
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, other)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.onlineDebate())))
                .andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("010934"))));
        mvc.perform(get("/api/events")
                        .param("organisation", icom)
                        .param("status", "DRAFT")
                        .header(HttpHeaders.AUTHORIZATION, other))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/events")
                        .param("organisation", icom)
                        .param("status", "DRAFT")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.id == '" + id + "')].meeting.passcode")
                        .value("010934"));
    }

    @Test
    void writesNeedAnOrganiserToken() throws Exception {
        String body = json.writeValueAsString(Fixtures.onlineDebate());
        mvc.perform(post("/api/events").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token(icom, "profile"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void replaceNeedsTheCurrentEtagAndAnswers412WhenStale() throws Exception {
        String id = CatalogRequests.create(mvc, json, icom, Fixtures.onlineDebate());
        String token = TestTokens.bearer(icom);
        Map<String, Object> changed = Fixtures.onlineDebate();
        changed.put("capacity", 350);

        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .header(HttpHeaders.IF_MATCH, "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(changed)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.capacity").value(350))
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""));

        changed.put("capacity", 10);
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .header(HttpHeaders.IF_MATCH, "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(changed)))
                .andExpect(status().isPreconditionFailed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(containsString("stale-version")));

        mvc.perform(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.capacity").value(350));
    }

    @Test
    void publishedChangesAndCancellationGoToTheOutboxWithTheWholeEvent() throws Exception {
        String id = CatalogRequests.create(mvc, json, icom, Fixtures.onlineDebate());
        String token = TestTokens.bearer(icom);
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, token));
        Map<String, Object> moved = Fixtures.onlineDebate();
        moved.put("start", "2027-02-16T14:00");
        moved.put("end", "2027-02-16T15:30");
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(moved)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        // Cancelling again changes nothing and tells nobody twice.
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(4));
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(moved)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(containsString("event-cancelled")));

        var rows = jdbc.sql("SELECT type, payload FROM outbox WHERE message_key = :id ORDER BY id")
                .param("id", id)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list();
        assertThat(rows)
                .extracting(Map.Entry::getKey)
                .containsExactly("EventPublished", "EventUpdated", "EventCancelled");
        JsonNode updated = json.readTree(rows.get(1).getValue());
        assertThat(updated.path("event").path("start").asString()).startsWith("2027-02-16T14:00");
        assertThat(updated.path("event").path("meeting").path("passcode").asString())
                .isEqualTo("010934");
        assertThat(updated.path("event").path("version").asLong()).isEqualTo(3);
        assertThat(json.readTree(rows.get(2).getValue())
                        .path("event")
                        .path("version")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void anOnlineEventNeedsItsMeetingBeforePublication() throws Exception {
        Map<String, Object> noMeeting = Fixtures.onlineDebate();
        noMeeting.remove("meeting");
        String id = CatalogRequests.create(mvc, json, icom, noMeeting);
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(containsString("meeting-required")));
        mvc.perform(post("/api/events/{id}/publish", CatalogRequests.create(mvc, json, icom, Fixtures.onlineDebate()))
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());
    }

    @Test
    void listingShowsPublishedEventsSoonestFirstWithFiltersAndPages() throws Exception {
        // A word only this test writes, with an accent: the search folds case, É included.
        String zephyr = Fixtures.word("zéphyr");
        Map<String, Object> later = Fixtures.workshop();
        later.put("title", Map.of("fr", "Atelier " + zephyr + " tardif"));
        later.put("start", "2027-09-03T09:30");
        later.put("end", "2027-09-03T17:00");
        Map<String, Object> sooner = Fixtures.workshop();
        sooner.put("title", Map.of("fr", "Atelier " + zephyr + " précoce"));
        String laterId = CatalogRequests.publish(mvc, json, ocim, later);
        String soonerId = CatalogRequests.publish(mvc, json, ocim, sooner);
        CatalogRequests.create(mvc, json, ocim, Fixtures.workshop()); // a draft, never listed

        mvc.perform(get("/api/events").param("q", zephyr).param("organisation", ocim))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].id").value(soonerId))
                .andExpect(jsonPath("$.content[1].id").value(laterId))
                .andExpect(jsonPath("$.page.totalElements").value(2));
        mvc.perform(get("/api/events")
                        .param("q", zephyr.toUpperCase(Locale.ROOT))
                        .param("size", "1")
                        .param("page", "1"))
                .andExpect(jsonPath("$.content[0].id").value(laterId))
                .andExpect(jsonPath("$.page.totalPages").value(2));
        mvc.perform(get("/api/events").param("q", zephyr).param("from", "2027-08-01"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value(laterId));
        mvc.perform(get("/api/events").param("q", zephyr).param("to", "2027-07-03"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value(soonerId));
        mvc.perform(get("/api/events").param("q", zephyr).param("organisation", icom))
                .andExpect(jsonPath("$.content.length()").value(0));
    }

    @Test
    void calendarHasTheTimeZoneAndNoMeetingSecrets() throws Exception {
        String id = CatalogRequests.publish(mvc, json, icom, Fixtures.onlineDebate());
        String ics = mvc.perform(get("/api/events/{id}/calendar.ics", id))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/calendar"))
                .andReturn()
                .getResponse()
                .getContentAsString()
                // Unfolded (RFC 5545 §3.1), so that no text is missed for being cut across lines.
                .replace("\r\n ", "");
        assertThat(ics)
                .contains("BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "TZID:Europe/Paris")
                .contains("DTSTART;TZID=Europe/Paris:20270216T130000")
                .contains("DTEND;TZID=Europe/Paris:20270216T143000")
                .contains("UID:" + id + "@museum-events")
                .contains("URL:http://localhost:8080/events/" + id)
                .contains("SUMMARY:Le numérique est-il solidaire ?")
                .doesNotContain("010934")
                .doesNotContain("82342861023")
                .doesNotContain("zoom");
        String draft = CatalogRequests.create(mvc, json, icom, Fixtures.onlineDebate());
        mvc.perform(get("/api/events/{id}/calendar.ics", draft)).andExpect(status().isNotFound());
    }
}

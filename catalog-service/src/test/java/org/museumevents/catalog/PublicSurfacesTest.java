package org.museumevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing secret on a public surface: every catalog answer anyone can get (event and series views,
 * listings, series occurrences, calendar.ics, the OpenAPI description, error bodies) is read
 * without a token, and as another organisation's organiser, and must carry none of the meeting's
 * join details, whether they were written on an event or in a series' {@code eventDefaults}. And
 * what was never published stays unseen: a draft cancelled before publication is no public event.
 */
@CatalogIntegrationTest
class PublicSurfacesTest {

    // The test's own organisations: the context and its database are shared with other classes.
    final String icom = Fixtures.organisation("icom-france");
    final String ocim = Fixtures.organisation("ocim");

    // Join details no other test writes, so that finding them anywhere means they leaked from here.
    final String passcode = "pc" + UUID.randomUUID().toString().substring(0, 8);
    final String meetingId = "mid " + UUID.randomUUID().toString().substring(0, 8);
    final String url = "https://zoom.example/j/" + UUID.randomUUID() + "?pwd=" + passcode;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void aSeriesMeetingDefaultsAreItsOrganisersOnly() throws Exception {
        String seriesId = createSeries();

        // The review's example: GET /api/series and GET /api/series/{id} handed out the passcode.
        for (RequestBuilder read : List.of(
                get("/api/series/{id}", seriesId),
                get("/api/series").param("organisation", icom),
                get("/api/series/{id}", seriesId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)),
                get("/api/series")
                        .param("organisation", icom)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)),
                get("/api/series").param("size", "100"))) {
            MvcResult result = mvc.perform(read).andExpect(status().isOk()).andReturn();
            assertNoSecret(result);
        }
        mvc.perform(get("/api/series/{id}", seriesId))
                .andExpect(jsonPath("$.eventDefaults.capacity").value(300))
                .andExpect(jsonPath("$.eventDefaults.meeting").doesNotExist());

        // Its organisers see what they wrote.
        mvc.perform(get("/api/series/{id}", seriesId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventDefaults.meeting.passcode").value(passcode))
                .andExpect(jsonPath("$.eventDefaults.meeting.meetingId").value(meetingId));
        mvc.perform(get("/api/series")
                        .param("organisation", icom)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(jsonPath("$.content[0].eventDefaults.meeting.url").value(url));
    }

    @Test
    void noPublicAnswerCarriesTheMeetingOfASeriesOrOfItsEvents() throws Exception {
        String seriesId = createSeries();
        JsonNode drafts = json.readTree(mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": 2, \"from\": \"2027-01-01\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.events[0].meeting.passcode").value(passcode))
                .andReturn()
                .getResponse()
                .getContentAsString());
        String published = drafts.path("events").get(0).path("id").asString();
        String cancelled = drafts.path("events").get(1).path("id").asString();
        mvc.perform(post("/api/events/{id}/publish", published)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/events/{id}/publish", cancelled)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/events/{id}/cancel", cancelled)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());

        for (String token : new String[] {null, TestTokens.bearer(ocim)}) {
            for (String path : List.of(
                    "/api/events/" + published,
                    "/api/events/" + cancelled,
                    "/api/events/" + published + "/calendar.ics",
                    "/api/events/" + cancelled + "/calendar.ics",
                    "/api/events?organisation=" + icom + "&from=2027-01-01",
                    "/api/events?series=" + seriesId + "&from=2027-01-01",
                    "/api/series/" + seriesId,
                    "/api/series?organisation=" + icom,
                    // Issue 17: the public calendar feeds.
                    "/api/series/" + seriesId + "/calendar.ics",
                    "/api/series/" + seriesId + "/calendar.ics?lang=en",
                    "/api/organisations/" + icom + "/calendar.ics",
                    "/v3/api-docs")) {
                var read = get(path);
                if (token != null) {
                    read.header(HttpHeaders.AUTHORIZATION, token);
                }
                MvcResult result = mvc.perform(read).andExpect(status().isOk()).andReturn();
                assertThat(result.getResponse().getContentAsString())
                        .as(path + (token == null ? "" : " as another organisation"))
                        .isNotEmpty();
                assertNoSecret(result);
            }
        }
        // The public series view shows the published event, without the meeting, and the cancelled one's state.
        mvc.perform(get("/api/series/{id}", seriesId))
                .andExpect(jsonPath("$.events.length()").value(1))
                .andExpect(jsonPath("$.events[0].id").value(published))
                .andExpect(jsonPath("$.events[0].meeting").doesNotExist());
        mvc.perform(get("/api/events/{id}", cancelled))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.meeting").doesNotExist());
        // The calendar is built from the public view even for the event's own organisers.
        assertNoSecret(mvc.perform(get("/api/events/{id}/calendar.ics", published)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andReturn());
        // So are the feeds (issue 17), which hold the published and the cancelled one.
        for (String feed :
                List.of("/api/series/" + seriesId + "/calendar.ics", "/api/organisations/" + icom + "/calendar.ics")) {
            MvcResult result = mvc.perform(get(feed).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                    .andExpect(status().isOk())
                    .andReturn();
            assertNoSecret(result);
            assertThat(result.getResponse().getContentAsString())
                    .contains("UID:" + published + "@museum-events")
                    .contains("UID:" + cancelled + "@museum-events");
        }
    }

    @Test
    void theApiDescriptionShowsNoMeetingExample() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode meeting = json.readTree(docs).at("/components/schemas/Meeting");

        assertThat(meeting.path("properties").has("passcode")).isTrue();
        assertThat(meeting.toString()).doesNotContain("\"example\"");
        // Nor the seeds' real join details anywhere (the contract's own example quotes them).
        assertThat(docs)
                .doesNotContain("010934")
                .doesNotContain("82342861023")
                .doesNotContain("zoom.us")
                .doesNotContain("pwd=");
    }

    @Test
    void errorBodiesNeverCarryTheMeeting() throws Exception {
        Map<String, Object> event = eventWithOwnMeeting();
        String id = json.readTree(mvc.perform(post("/api/events")
                                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json.writeValueAsString(event)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("id")
                .asString();
        String body = json.writeValueAsString(event);
        Map<String, Object> invalid = eventWithOwnMeeting();
        invalid.put("end", "2027-02-16T12:00");

        List<RequestBuilder> refused = List.of(
                // Another organisation acting on the event.
                put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)),
                post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)),
                get("/api/events").param("organisation", icom).param("status", "DRAFT"),
                get("/api/events/{id}", id),
                get("/api/events/{id}/calendar.ics", id),
                // Its own organisers, refused.
                put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .header(HttpHeaders.IF_MATCH, "\"99\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(invalid)));
        for (RequestBuilder request : refused) {
            MvcResult result = mvc.perform(request).andReturn();
            assertThat(result.getResponse().getStatus()).isBetween(400, 499);
            assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertNoSecret(result);
        }
    }

    @Test
    void aDraftCancelledBeforePublicationStaysInvisible() throws Exception {
        String seriesId = createSeries();
        Map<String, Object> draft = eventWithOwnMeeting();
        draft.put("seriesId", seriesId);
        String word = Fixtures.word("annulé");
        draft.put("title", Map.of("fr", "Brouillon " + word));
        String id = json.readTree(mvc.perform(post("/api/events")
                                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json.writeValueAsString(draft)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("id")
                .asString();
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));

        // The review's example: GET /api/events/{id} answered 200 with a never-published event.
        mvc.perform(get("/api/events/{id}", id)).andExpect(status().isNotFound());
        mvc.perform(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/events/{id}/calendar.ics", id)).andExpect(status().isNotFound());
        mvc.perform(get("/api/events").param("q", word).param("from", "2020-01-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(0));
        mvc.perform(get("/api/events").param("organisation", icom).param("status", "CANCELLED"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/series/{id}", seriesId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events.length()").value(0));

        // Its organisers still see it, as it is.
        mvc.perform(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        mvc.perform(get("/api/series/{id}", seriesId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(jsonPath("$.events[0].id").value(id));
    }

    @Test
    void anEventCancelledAfterPublicationIsSeenCancelled() throws Exception {
        String id = json.readTree(mvc.perform(post("/api/events")
                                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json.writeValueAsString(eventWithOwnMeeting())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("id")
                .asString();
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());

        mvc.perform(get("/api/events/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        String ics = mvc.perform(get("/api/events/{id}/calendar.ics", id))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ics).contains("STATUS:CANCELLED");
    }

    private String createSeries() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Musées, solidarités"));
        series.put(
                "recurrence",
                Map.of(
                        "rule",
                        "FREQ=MONTHLY;BYDAY=3TU",
                        "start",
                        "2021-01-19T13:00",
                        "durationMinutes",
                        90,
                        "timeZone",
                        "Europe/Paris"));
        series.put(
                "eventDefaults",
                Map.of(
                        "format",
                        "ONLINE",
                        "capacity",
                        300,
                        "meeting",
                        Map.of("url", url, "meetingId", meetingId, "passcode", passcode)));
        String body = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.eventDefaults.meeting.passcode").value(passcode))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body).path("id").asString();
    }

    private Map<String, Object> eventWithOwnMeeting() {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("meeting", Map.of("url", url, "meetingId", meetingId, "passcode", passcode));
        return event;
    }

    private void assertNoSecret(MvcResult result) throws Exception {
        // Unfolded (RFC 5545 §3.1): a secret cut by a calendar's line folding is still there.
        String body = result.getResponse().getContentAsString().replace("\r\n ", "");
        String what =
                result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + "?"
                        + result.getRequest().getQueryString();
        assertThat(body)
                .as(what)
                .doesNotContain(passcode)
                .doesNotContain(meetingId)
                .doesNotContain("zoom.example");
    }
}

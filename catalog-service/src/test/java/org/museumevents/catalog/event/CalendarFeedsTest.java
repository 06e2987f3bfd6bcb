package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public calendar feeds of issue 17 ({@code GET /api/series/{seriesId}/calendar.ics}, {@code GET
 * /api/organisations/{slug}/calendar.ics}) on the real database, read back with ical4j as a calendar
 * application reads them: the published and cancelled events (cancelled as {@code STATUS:CANCELLED}),
 * never a draft, never the meeting's details; each event under the UID of its own {@code
 * calendar.ics}, its {@code SEQUENCE} its version, so a moved or cancelled event updates the entry a
 * subscriber has; bounded to 90 days back and 500 events; 404s; cache headers and 304.
 */
@CatalogIntegrationTest
class CalendarFeedsTest {

    // The test's own organisations: the context and its database are shared with other classes.
    final String icom = Fixtures.organisation("icom-france");
    final String ocim = Fixtures.organisation("ocim");

    // Join details no other test writes, so that finding them in a feed means they leaked from here.
    final String passcode = "pc" + UUID.randomUUID().toString().substring(0, 8);
    final String meetingId = "mid " + UUID.randomUUID().toString().substring(0, 8);
    final String url = "https://zoom.example/j/" + UUID.randomUUID() + "?pwd=" + passcode;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSeriesFeedHoldsItsPublishedAndCancelledOccurrencesNeverADraftNorTheMeeting() throws Exception {
        String seriesId = createSeries();
        List<String> drafts = occurrences(seriesId, 5);
        String published = drafts.get(0);
        String alsoPublished = drafts.get(1);
        String cancelled = drafts.get(2);
        String draft = drafts.get(3);
        String cancelledDraft = drafts.get(4);
        publish(published);
        publish(alsoPublished);
        publish(cancelled);
        cancel(cancelled);
        cancel(cancelledDraft);
        // The organisation's event outside the series is not the series'.
        String elsewhere = CatalogRequests.publish(mvc, json, icom, Fixtures.onlineDebate());

        MvcResult answer = mvc.perform(get("/api/series/{id}/calendar.ics", seriesId))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/calendar;charset=UTF-8"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "public, max-age=300"))
                .andExpect(header().string(HttpHeaders.ETAG, org.hamcrest.Matchers.startsWith("W/\"")))
                .andReturn();
        String ics = answer.getResponse().getContentAsString();
        Calendar calendar = parse(ics);

        assertThat(uids(calendar)).containsExactly(uid(published), uid(alsoPublished), uid(cancelled));
        assertThat(ics)
                .doesNotContain(uid(draft))
                .doesNotContain(uid(cancelledDraft))
                .doesNotContain(uid(elsewhere));
        assertThat(property(event(calendar, cancelled), Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(property(event(calendar, published), Property.STATUS)).isEqualTo("CONFIRMED");
        assertNoSecret(ics);
        assertThat(ics).doesNotContain("METHOD:REQUEST");

        // Named after the series, polled hourly, one time zone definition for the three.
        assertThat(property(calendar, "X-WR-CALNAME")).isEqualTo("Musées, solidarités");
        assertThat(property(calendar, "X-PUBLISHED-TTL")).isEqualTo("PT1H");
        assertThat(property(calendar, "REFRESH-INTERVAL")).isEqualTo("PT1H");
        assertThat(ics).contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
        assertThat(calendar.getComponents(Component.VTIMEZONE)).hasSize(1);

        // Each entry as the event's own calendar.ics writes it: the same UID and SEQUENCE, the event's version.
        for (String id : List.of(published, alsoPublished, cancelled)) {
            CalendarComponent own = parse(mvc.perform(get("/api/events/{id}/calendar.ics", id))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString())
                    .getComponents(Component.VEVENT)
                    .get(0);
            CalendarComponent inFeed = event(calendar, id);
            for (String name : List.of(
                    Property.UID,
                    Property.SEQUENCE,
                    Property.DTSTART,
                    Property.DTEND,
                    Property.SUMMARY,
                    Property.LOCATION,
                    Property.URL,
                    Property.STATUS)) {
                assertThat(property(inFeed, name)).as(id + " " + name).isEqualTo(property(own, name));
            }
            assertThat(property(inFeed, Property.SEQUENCE)).isEqualTo(String.valueOf(version(id)));
            assertThat(property(inFeed, Property.LOCATION)).isEqualTo("Online");
            assertThat(property(inFeed, Property.URL)).endsWith("/events/" + id);
        }
    }

    @Test
    void theTitlesAreInTheLanguageAskedWhereTheyExist() throws Exception {
        String seriesId = createSeries();
        String id = occurrences(seriesId, 1).get(0);
        publish(id);

        Calendar english =
                parse(feed(get("/api/series/{id}/calendar.ics", seriesId).param("lang", "en")));
        assertThat(property(english, "X-WR-CALNAME")).isEqualTo("Museums, solidarity");
        assertThat(property(event(english, id), Property.SUMMARY)).isEqualTo("Museums, solidarity");
        // No Spanish title: the default language's.
        Calendar spanish =
                parse(feed(get("/api/series/{id}/calendar.ics", seriesId).param("lang", "es")));
        assertThat(property(spanish, "X-WR-CALNAME")).isEqualTo("Musées, solidarités");
        assertThat(property(event(spanish, id), Property.SUMMARY)).isEqualTo("Musées, solidarités");
        Calendar byDefault = parse(feed(get("/api/organisations/{slug}/calendar.ics", icom)));
        assertThat(property(event(byDefault, id), Property.SUMMARY)).isEqualTo("Musées, solidarités");

        for (String lang : List.of("de", "EN", "fr,en")) {
            mvc.perform(get("/api/series/{id}/calendar.ics", seriesId).param("lang", lang))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void aMovedOrCancelledOccurrenceComesWithAHigherSequenceSoCalendarsUpdateIt() throws Exception {
        String seriesId = createSeries();
        String id = occurrences(seriesId, 1).get(0);
        publish(id);
        MvcResult first = mvc.perform(get("/api/series/{id}/calendar.ics", seriesId))
                .andExpect(status().isOk())
                .andReturn();
        String etag = first.getResponse().getHeader(HttpHeaders.ETAG);
        CalendarComponent before = event(parse(first.getResponse().getContentAsString()), id);
        long sequence = Long.parseLong(property(before, Property.SEQUENCE));

        // Unchanged: the same ETag, and a conditional request is answered 304 without the feed.
        mvc.perform(get("/api/series/{id}/calendar.ics", seriesId).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified())
                .andExpect(content().string(""));

        // Moved a day and an hour later.
        JsonNode event = json.readTree(mvc.perform(organiser(get("/api/events/{id}", id), icom))
                .andReturn()
                .getResponse()
                .getContentAsString());
        Map<String, Object> moved = json.convertValue(event, Map.class);
        for (String field : List.of("id", "organisation", "status", "startsAt", "endsAt", "version")) {
            moved.remove(field);
        }
        moved.put(
                "start",
                java.time.LocalDateTime.parse(event.path("start").asString())
                        .plusHours(25)
                        .toString());
        moved.put(
                "end",
                java.time.LocalDateTime.parse(event.path("end").asString())
                        .plusHours(25)
                        .toString());
        mvc.perform(organiser(put("/api/events/{id}", id), icom)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(moved)))
                .andExpect(status().isOk());

        MvcResult afterMove = mvc.perform(
                        get("/api/series/{id}/calendar.ics", seriesId).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(afterMove.getResponse().getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
        CalendarComponent after = event(parse(afterMove.getResponse().getContentAsString()), id);
        assertThat(property(after, Property.UID)).isEqualTo(property(before, Property.UID));
        assertThat(Long.parseLong(property(after, Property.SEQUENCE))).isGreaterThan(sequence);
        assertThat(property(after, Property.SEQUENCE)).isEqualTo(String.valueOf(version(id)));
        assertThat(property(after, Property.DTSTART)).isNotEqualTo(property(before, Property.DTSTART));
        assertThat(property(after, Property.DTSTART))
                .isEqualTo(
                        property(before, Property.DTSTART).replace("T13", "T14").replace("19T", "20T"));

        cancel(id);
        CalendarComponent cancelled = event(parse(feed(get("/api/series/{id}/calendar.ics", seriesId))), id);
        assertThat(property(cancelled, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(Long.parseLong(property(cancelled, Property.SEQUENCE)))
                .isGreaterThan(Long.parseLong(property(after, Property.SEQUENCE)));
    }

    @Test
    void anOrganisationsFeedHoldsItsPublicEventsOnly() throws Exception {
        String seriesId = createSeries();
        List<String> drafts = occurrences(seriesId, 2);
        publish(drafts.get(0));
        String alone = CatalogRequests.publish(mvc, json, icom, eventWithOwnMeeting());
        String cancelled = CatalogRequests.publish(mvc, json, icom, Fixtures.workshop());
        cancel(cancelled);
        String draft = CatalogRequests.create(mvc, json, icom, eventWithOwnMeeting());
        String another = CatalogRequests.publish(mvc, json, ocim, Fixtures.workshop());

        for (String token : new String[] {null, TestTokens.bearer(icom), TestTokens.bearer(ocim)}) {
            MockHttpServletRequestBuilder read = get("/api/organisations/{slug}/calendar.ics", icom);
            if (token != null) {
                read.header(HttpHeaders.AUTHORIZATION, token);
            }
            String ics = mvc.perform(read)
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/calendar;charset=UTF-8"))
                    .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "public, max-age=300"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            Calendar calendar = parse(ics);
            assertThat(uids(calendar))
                    .containsExactlyInAnyOrder(uid(drafts.get(0)), uid(alone), uid(cancelled))
                    .doesNotContain(uid(draft), uid(drafts.get(1)), uid(another));
            assertThat(property(event(calendar, cancelled), Property.STATUS)).isEqualTo("CANCELLED");
            assertThat(property(event(calendar, cancelled), Property.LOCATION))
                    .isEqualTo("La Coursive, 5 rue Sambin, Dijon, France");
            assertThat(property(calendar, "X-WR-CALNAME")).isEqualTo(icom);
            // Soonest first: February's debate, then the series' July sessions... whatever the order of writing.
            assertThat(calendar.getComponents(Component.VEVENT).stream()
                            .map(e -> property(e, Property.DTSTART))
                            .toList())
                    .isSorted();
            assertNoSecret(ics);
        }
    }

    @Test
    void unknownSeriesAndOrganisationsAre404() throws Exception {
        mvc.perform(get("/api/series/{id}/calendar.ics", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/series/not-a-uuid/calendar.ics"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        // An organisation the catalog knows no public event of: none, a draft only, or a draft cancelled.
        String draftsOnly = Fixtures.organisation("drafts-only");
        CatalogRequests.create(mvc, json, draftsOnly, eventWithOwnMeeting());
        String cancelledDraft = CatalogRequests.create(mvc, json, draftsOnly, Fixtures.workshop());
        mvc.perform(organiser(post("/api/events/{id}/cancel", cancelledDraft), draftsOnly))
                .andExpect(status().isOk());
        for (String slug : List.of(Fixtures.organisation("nobody"), draftsOnly, "X", "Icom-France", "a".repeat(65))) {
            mvc.perform(get("/api/organisations/{slug}/calendar.ics", slug))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        // A series exists for anyone once created (as GET /api/series/{id} shows it): an empty feed until it publishes.
        String seriesId = createSeries();
        occurrences(seriesId, 1);
        Calendar empty = parse(feed(get("/api/series/{id}/calendar.ics", seriesId)));
        assertThat(empty.getComponents(Component.VEVENT)).isEmpty();
        assertThat(property(empty, "X-WR-CALNAME")).isEqualTo("Musées, solidarités");
        // Nothing else under /api/organisations is public.
        mvc.perform(get("/api/organisations/{slug}", icom)).andExpect(status().isUnauthorized());
    }

    @Test
    void theFeedsReachNinetyDaysBackAndHoldTheSoonest500() throws Exception {
        String organisation = Fixtures.organisation("archive");
        Map<String, Object> longAgo = Fixtures.workshop();
        longAgo.put("start", "2020-07-03T09:30");
        longAgo.put("end", "2020-07-03T17:00");
        String old = CatalogRequests.publish(mvc, json, organisation, longAgo);

        // Published, though long over: the organisation is known, its feed is empty.
        Calendar empty = parse(feed(get("/api/organisations/{slug}/calendar.ics", organisation)));
        assertThat(empty.getComponents(Component.VEVENT)).isEmpty();

        String first = CatalogRequests.publish(mvc, json, organisation, Fixtures.workshop());
        // 510 more published events, each a day after the first (copies, written straight to the table).
        jdbc.sql(
                        """
                        INSERT INTO event (id, organisation, series_id, status, start_local, time_zone, starts_at, ends_at,
                                           details, search_text, version, published_at)
                        SELECT gen_random_uuid(), organisation, series_id, status, start_local + n * interval '1 day',
                               time_zone, starts_at + n * interval '1 day', ends_at + n * interval '1 day',
                               details, search_text, version, published_at
                        FROM event, generate_series(1, 510) AS n WHERE id = :id
                        """)
                .param("id", UUID.fromString(first))
                .update();

        Calendar calendar = parse(feed(get("/api/organisations/{slug}/calendar.ics", organisation)));
        List<String> uids = uids(calendar);
        assertThat(uids).hasSize(CalendarFeeds.MAX_EVENTS).doesNotContain(uid(old));
        assertThat(uids.get(0)).isEqualTo(uid(first));
    }

    private String createSeries() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Musées, solidarités", "en", "Museums, solidarity"));
        series.put(
                "recurrence",
                Map.of(
                        "rule",
                        "FREQ=MONTHLY;BYDAY=3TU",
                        "start",
                        "2027-01-19T13:00",
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
        String body = mvc.perform(organiser(post("/api/series"), icom)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body).path("id").asString();
    }

    /** The series' next {@code count} occurrences, as drafts carrying the series' meeting. */
    private List<String> occurrences(String seriesId, int count) throws Exception {
        JsonNode created = json.readTree(mvc.perform(organiser(post("/api/series/{id}/occurrences", seriesId), icom)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": " + count + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.events[0].meeting.passcode").value(passcode))
                .andReturn()
                .getResponse()
                .getContentAsString());
        List<String> ids = new ArrayList<>();
        created.path("events").forEach(event -> ids.add(event.path("id").asString()));
        return ids;
    }

    private Map<String, Object> eventWithOwnMeeting() {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("meeting", Map.of("url", url, "meetingId", meetingId, "passcode", passcode));
        return event;
    }

    private void publish(String id) throws Exception {
        mvc.perform(organiser(post("/api/events/{id}/publish", id), icom)).andExpect(status().isOk());
    }

    private void cancel(String id) throws Exception {
        mvc.perform(organiser(post("/api/events/{id}/cancel", id), icom)).andExpect(status().isOk());
    }

    private long version(String id) throws Exception {
        return json.readTree(mvc.perform(organiser(get("/api/events/{id}", id), icom))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("version")
                .asLong();
    }

    private String feed(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static MockHttpServletRequestBuilder organiser(MockHttpServletRequestBuilder request, String organisation) {
        return request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation));
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String uid(String eventId) {
        return eventId + "@museum-events";
    }

    private static List<String> uids(Calendar calendar) {
        return calendar.getComponents(Component.VEVENT).stream()
                .map(event -> property(event, Property.UID))
                .toList();
    }

    private static CalendarComponent event(Calendar calendar, String eventId) {
        return calendar.<CalendarComponent>getComponents(Component.VEVENT).stream()
                .filter(event -> uid(eventId).equals(property(event, Property.UID)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no VEVENT " + uid(eventId)));
    }

    private static String property(Component component, String name) {
        return component.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String property(Calendar calendar, String name) {
        return calendar.getProperty(name).map(Property::getValue).orElse(null);
    }

    private void assertNoSecret(String ics) {
        // Unfolded (RFC 5545 §3.1): a secret cut by a calendar's line folding is still there.
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded)
                .doesNotContain(passcode)
                .doesNotContain(meetingId)
                .doesNotContain("zoom.example")
                .doesNotContain("010934")
                .doesNotContain("823 4286 1023")
                .doesNotContain("zoom.us");
    }
}

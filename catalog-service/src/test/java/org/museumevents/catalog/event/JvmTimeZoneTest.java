package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog does not depend on the JVM's default time zone (issue 12): with the JVM in
 * Europe/Paris, an event at 02:30 on 2027-03-28, a wall-clock time that does not exist in Paris
 * (the clocks go from 02:00 to 03:00) but does in the event's own zone, is stored, listed and
 * continued exactly. {@code java.sql.Timestamp} moved it to 03:30.
 *
 * <p>A context of its own (the property below), created after the default zone is set, so that
 * its database connections are opened in Paris too (pgjdbc gives each session the JVM's zone), and
 * closed after the class, so that no other class sees a connection opened in Paris.
 */
@CatalogIntegrationTest
@TestPropertySource(properties = "spring.datasource.hikari.pool-name=jvm-in-paris")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class JvmTimeZoneTest {

    static final ZoneId JVM_ZONE = ZoneId.of("Europe/Paris");

    static final LocalDateTime IN_THE_GAP = LocalDateTime.parse("2027-03-28T02:30");

    private static TimeZone before;

    final String icom = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventService events;

    @BeforeAll
    static void jvmInParis() {
        before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(JVM_ZONE));
    }

    @AfterAll
    static void restore() {
        TimeZone.setDefault(before);
    }

    @Test
    void theTestRunsWhereTheWallTimeDoesNotExist() {
        assertThat(ZoneId.systemDefault()).isEqualTo(JVM_ZONE);
        assertThat(JVM_ZONE.getRules()
                        .isValidOffset(IN_THE_GAP, JVM_ZONE.getRules().getOffset(IN_THE_GAP)))
                .as("02:30 on 2027-03-28 is in Paris' daylight-saving gap")
                .isFalse();
        assertThat(jdbc.sql("SHOW TimeZone").query(String.class).single())
                .as("the database session's zone is the JVM's")
                .isEqualTo("Europe/Paris");
    }

    @Test
    void anEventAtAWallTimeMissingInTheJvmZoneIsStoredAndListedExactly() throws Exception {
        String word = Fixtures.word("gap");
        Map<String, Object> body = Fixtures.workshop();
        body.put("title", Map.of("fr", "Nuit blanche " + word));
        body.put("start", "2027-03-28T02:30");
        body.put("end", "2027-03-28T03:15");
        body.put("timeZone", "America/New_York");
        String id = CatalogRequests.publish(mvc, json, icom, body);

        mvc.perform(get("/api/events/{id}", id))
                .andExpect(jsonPath("$.start").value("2027-03-28T02:30"))
                .andExpect(jsonPath("$.end").value("2027-03-28T03:15"))
                .andExpect(jsonPath("$.startsAt").value("2027-03-28T06:30:00Z"));
        assertThat(jdbc.sql("SELECT start_local::text FROM event WHERE id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("2027-03-28 02:30:00");
        assertThat(jdbc.sql(
                                "SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM event WHERE id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("2027-03-28 06:30");
        // calendar.ics writes the wall time it was given (ical4j takes no zone of the JVM's either).
        assertThat(mvc.perform(get("/api/events/{id}/calendar.ics", id))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString()
                        .replace("\r\n ", ""))
                .contains("DTSTART;TZID=America/New_York:20270328T023000\r\n")
                .contains("DTEND;TZID=America/New_York:20270328T031500\r\n");
        // The listing's days are the event's local days.
        mvc.perform(get("/api/events")
                        .param("q", word)
                        .param("from", "2027-03-28")
                        .param("to", "2027-03-28"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].start").value("2027-03-28T02:30"));
        mvc.perform(get("/api/events").param("q", word).param("from", "2027-03-29"))
                .andExpect(jsonPath("$.content.length()").value(0));
    }

    @Test
    void aSeriesContinuesFromItsLastWallTimeReadBackExactly() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("en", "Night tours"));
        series.put(
                "recurrence",
                Map.of(
                        "rule", "FREQ=WEEKLY;BYDAY=SU",
                        "start", "2027-03-21T02:30",
                        "durationMinutes", 45,
                        "timeZone", "America/New_York"));
        String seriesId = json.readTree(mvc.perform(post("/api/series")
                                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json.writeValueAsString(series)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("id")
                .asString();

        occurrences(seriesId, 2)
                .andExpect(jsonPath("$.events[0].start").value("2027-03-21T02:30"))
                .andExpect(jsonPath("$.events[1].start").value("2027-03-28T02:30"));

        assertThat(events.lastStartInSeries(UUID.fromString(seriesId))).contains(IN_THE_GAP);
        occurrences(seriesId, 1).andExpect(jsonPath("$.events[0].start").value("2027-04-04T02:30"));
    }

    private org.springframework.test.web.servlet.ResultActions occurrences(String seriesId, int count)
            throws Exception {
        return mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": " + count + "}"))
                .andExpect(status().isCreated());
    }
}

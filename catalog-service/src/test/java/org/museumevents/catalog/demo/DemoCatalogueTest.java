package org.museumevents.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo profile loads the seed announcements on their next real dates, as of a fixed "today"
 * (Sunday 22 November 2026): the next third Tuesdays are 15 December, 19 January and 16 February.
 *
 * <p>A context of its own: the demo loads at start-up and only into an empty catalogue, so this
 * class needs a database no other class writes to (which is also why it may count every row), and
 * a "today" of its own. Closed after the class, as it is used by no other.
 */
@CatalogIntegrationTest
@ActiveProfiles("demo")
@Import(DemoCatalogueTest.Today.class)
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class DemoCatalogueTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Today {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoCatalogue demo;

    @Test
    void upcomingSessionsAreOnTheirNextRealDatesAndThePublicNeverSeesTheirMeetings() throws Exception {
        String body = mvc.perform(get("/api/events").param("from", "2026-11-22").param("size", "50"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(events(json.readTree(body)))
                .extracting(
                        e -> e.path("start").asString(),
                        e -> e.path("title").path("en").asString(""),
                        e -> e.path("title").path("fr").asString())
                .containsExactly(
                        tuple(
                                "2026-12-03T14:00",
                                "Collections care and risk management",
                                "Préservation des collections et gestion des risques"),
                        tuple(
                                "2026-12-15T13:00",
                                "Session 4 - Is the digital world inclusive?",
                                "Séance 4 - Le numérique est-il solidaire ?"),
                        tuple(
                                "2027-01-07T14:00",
                                "Harnessing the power of digital media",
                                "La puissance des médias numériques"),
                        tuple("2027-02-04T14:00", "Emergency management", "La gestion des situations d'urgence"),
                        tuple(
                                "2027-02-16T13:00",
                                "Session 6 - Are professional networks instruments of solidarity?",
                                "Séance 6 - Les réseaux professionnels sont-ils des instruments de solidarité ?"),
                        tuple(
                                "2027-07-03T09:30",
                                "",
                                "Tiers-lieux et institutions culturelles : coopérer et faire commun sur le territoire"));
        assertThat(body).doesNotContain("\"meeting\"", "010934", "662299", "82342861023");

        JsonNode workshop = events(json.readTree(body)).get(5);
        assertThat(workshop.path("organisation").asString()).isEqualTo("ocim");
        assertThat(workshop.path("format").asString()).isEqualTo("IN_PERSON");
        assertThat(workshop.path("capacity").asInt()).isEqualTo(40);
        assertThat(workshop.path("registration").path("requiresApproval").asBoolean())
                .isTrue();
        assertThat(workshop.path("venue").path("city").asString()).isEqualTo("Dijon");
        // Issue 17: limited free places, so its registrants are asked to reconfirm.
        assertThat(workshop.at("/registration/reconfirmation/before").asString())
                .isEqualTo("P3D");
        assertThat(workshop.at("/registration/reconfirmation/deadline").asString())
                .isEqualTo("P1D");
        assertThat(workshop.at("/registration/reconfirmation/releaseSilent").asBoolean())
                .isTrue();
    }

    @Test
    void organisersSeeTheirSessionsSpeakersMeetingsAndDrafts() throws Exception {
        JsonNode cycle = json.readTree(mvc.perform(get("/api/series")
                        .param("organisation", "icom-france")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        JsonNode solidarity = null;
        for (JsonNode series : cycle.path("content")) {
            if (series.path("recurrence").path("rule").asString().equals("FREQ=MONTHLY;BYDAY=3TU")) {
                solidarity = series;
            }
        }
        assertThat(solidarity).as("the Solidarity cycle").isNotNull();
        assertThat(solidarity.path("events"))
                .extracting(
                        e -> e.path("start").asString(), e -> e.path("status").asString())
                .containsExactly(
                        tuple("2026-12-15T13:00", "PUBLISHED"),
                        tuple("2027-01-19T13:00", "DRAFT"),
                        tuple("2027-02-16T13:00", "PUBLISHED"));

        JsonNode session4 = solidarity.path("events").get(0);
        assertThat(session4.path("meeting").path("passcode").asString()).isEqualTo("010934");
        assertThat(session4.path("meeting").path("meetingId").asString()).isEqualTo("823 4286 1023");
        assertThat(session4.path("interpretation"))
                .extracting(JsonNode::asString)
                .containsExactly("fr", "en", "es");
        assertThat(session4.path("people"))
                .extracting(p -> p.path("name").asString(), p -> p.path("role").asString())
                .contains(tuple("Paul Salmona", "SPEAKER"), tuple("Estelle Guille des Buttes", "MODERATOR"))
                .hasSize(6);
        assertThat(solidarity
                        .path("events")
                        .get(2)
                        .path("meeting")
                        .path("passcode")
                        .asString())
                .isEqualTo("662299");
    }

    @Test
    void thePastDayIsKeptAsAnnouncedAndARestartLoadsNothingTwice() throws Exception {
        JsonNode past = json.readTree(
                mvc.perform(get("/api/events").param("from", "2018-01-01").param("to", "2018-12-31"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(events(past))
                .extracting(e -> e.path("start").asString(), e -> e.path("organisation")
                        .asString())
                .containsExactly(tuple("2018-10-05T09:30", "icom-france"));

        assertThat(count("SELECT count(*) FROM event")).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'EventPublished'"))
                .isEqualTo(7);
        long messages = count("SELECT count(*) FROM outbox");

        demo.run(null);

        assertThat(count("SELECT count(*) FROM event")).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(messages);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static List<JsonNode> events(JsonNode page) {
        List<JsonNode> content = new ArrayList<>();
        page.path("content").forEach(content::add);
        return content;
    }
}

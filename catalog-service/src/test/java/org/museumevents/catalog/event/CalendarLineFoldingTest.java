package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.FoldedLines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * calendar.ics on the real service obeys RFC 5545 §3.1 whatever the texts and the zone: every line
 * at most 75 octets of UTF-8, ended by CRLF, continued by CRLF and one space, never cut inside a
 * character; unfolded, the calendar gives back each text exactly. Texts in French, Chinese and
 * emoji (2, 3 and 4 octets a character, the emoji a surrogate pair in Java), long ones, texts
 * whose fold falls on every octet of a character, and zones whose VTIMEZONE carries RRULEs.
 */
@CatalogIntegrationTest
class CalendarLineFoldingTest {

    static final String CRLF = "\r\n";

    final String icom = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void everyLineIsAtMost75OctetsAndUnfoldsToTheExactTexts() throws Exception {
        List<Case> cases = List.of(
                new Case(
                        "Europe/Paris",
                        "Le numérique est-il solidaire ? Débat européen des musées, sociétés et territoires",
                        "Gratuit, accessible, durable : une séance où l’on évoque l’éthique, la ".repeat(4) + "fin.",
                        "Musée d’Orsay, salle des fêtes"),
                new Case(
                        "Asia/Shanghai",
                        "博物馆与社会：数字时代的公共服务与文化遗产保护国际研讨会（第二期）",
                        "本次研讨会讨论博物馆在数字时代的角色，包括藏品数字化、观众参与、无障碍服务以及可持续发展。".repeat(3),
                        "上海博物馆，人民大道201号"),
                new Case(
                        "Pacific/Auckland",
                        "🎨🖼️🏛️ Museums & emoji 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂 👩🏽‍🎨",
                        "🙂".repeat(60) + " family: 👨‍👩‍👧‍👦 flags: 🇫🇷🇪🇸🇬🇧",
                        null),
                new Case(
                        "America/Argentina/Buenos_Aires",
                        "Museos y comunidades: ¿qué significa la participación ciudadana hoy? Año 2027",
                        "Primera línea\r\nSegunda línea tras CRLF\rTercera tras un CR solo\nCuarta\ttabulada; "
                                + "comas, puntos y coma; barra \\ invertida: ñandú, pingüino, acción.",
                        "Museo Nacional de Bellas Artes, Av. del Libertador 1473"),
                new Case(
                        "America/New_York",
                        "A".repeat(300),
                        "x".repeat(216),
                        "The Metropolitan Museum of Art, 1000 Fifth Avenue, New York, United States"),
                new Case(
                        "Australia/Lord_Howe",
                        "Ëàçéèêëîïôöùûüÿœæ ÀÂÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ « guillemets » et espaces fines",
                        "é".repeat(100),
                        null));
        for (Case c : cases) {
            check(c);
        }
    }

    @Test
    void aFoldFallsOnEveryOctetOfEveryWidthOfCharacterAndNeverInsideOne() throws Exception {
        // "SUMMARY:" is 8 octets: with 0 to 3 ASCII octets before a run of 2-, 3- and 4-octet
        // characters, the 75th octet falls on each octet of one of them.
        for (String character : List.of("é", "博", "🙂")) {
            for (int pad = 0; pad < 4; pad++) {
                check(new Case("Europe/Paris", "a".repeat(pad) + character.repeat(40), character.repeat(70), null));
            }
        }
        // A line of exactly 75 octets is not folded (no empty continuation line).
        check(new Case("Europe/Paris", "b".repeat(75 - "SUMMARY:".length()), "c", null));
    }

    private void check(Case c) throws Exception {
        Map<String, Object> body = Fixtures.workshop();
        body.put("title", Map.of("fr", c.title()));
        body.put("description", Map.of("fr", c.description()));
        body.put("timeZone", c.zone());
        if (c.venue() == null) {
            body.remove("venue");
            body.put("format", "ONLINE");
            body.put("meeting", Map.of("url", "https://zoom.example/j/1"));
        } else {
            body.put("venue", new LinkedHashMap<>(Map.of("name", c.venue())));
        }
        String id = CatalogRequests.publish(mvc, json, icom, body);

        MockHttpServletResponse response = mvc.perform(get("/api/events/{id}/calendar.ics", id))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualToIgnoringCase("text/calendar;charset=UTF-8");
        byte[] bytes = response.getContentAsByteArray();
        String ics = new String(bytes, StandardCharsets.UTF_8);

        assertThat(ics).as(c.zone()).endsWith(CRLF).contains("BEGIN:VTIMEZONE");
        // Every line at most 75 octets, CRLF only, none cut inside a character (test-support's check).
        for (String line : FoldedLines.assertFolded(ics)) {
            assertThat(line).as("no empty continuation").isNotEqualTo(" ");
        }

        String unfolded = ics.replace(CRLF + " ", "");
        if (ZoneId.of(c.zone()).getRules().nextTransition(Instant.parse("2027-01-01T00:00:00Z")) != null) {
            assertThat(unfolded).as(c.zone() + ": daylight-saving rules").contains(CRLF + "RRULE:");
        }
        Calendar calendar = new CalendarBuilder().build(new StringReader(unfolded));
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        assertThat(value(event, Property.SUMMARY)).isEqualTo(c.title());
        // iCalendar breaks lines with LF alone; CR LF and a bare CR are read as one.
        assertThat(value(event, Property.DESCRIPTION))
                .isEqualTo(c.description().replace("\r\n", "\n").replace('\r', '\n'));
        if (c.venue() != null) {
            assertThat(value(event, Property.LOCATION)).isEqualTo(c.venue());
        }
        // The calendar reader unfolds the same way.
        assertThat(new CalendarBuilder().build(new StringReader(ics))).isEqualTo(calendar);
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).orElseThrow().getValue();
    }

    record Case(String zone, String title, String description, String venue) {}
}

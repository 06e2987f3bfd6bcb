package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules that span fields are checked where the event is made, after the body has been read and
 * validated: each broken one is a 400 problem naming the field, never a 500, and nothing is
 * stored. (What the web layer stops by itself is {@link BadInputTest}.)
 */
@CatalogIntegrationTest
class CrossFieldRulesTest {

    // The test's own organisation: the context and its database are shared with other classes.
    final String organisation = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void badTimesAndDurationsAreFieldErrors() throws Exception {
        expectFieldError(e -> e.put("end", "2027-02-16T12:00"), "end");
        expectFieldError(e -> e.put("timeZone", "Europe/Atlantis"), "timeZone");
        expectFieldError(e -> e.put("reminders", List.of("one day")), "reminders[0]");
        expectFieldError(e -> e.put("reminders", List.of("P400D")), "reminders[0]");
        expectFieldError(
                e -> e.put(
                        "registration", Map.of("opensAt", "2027-02-10T00:00:00Z", "closesAt", "2027-02-01T00:00:00Z")),
                "registration.closesAt");
    }

    @Test
    void inconsistentFieldsAreFieldErrors() throws Exception {
        expectFieldError(e -> e.put("title", Map.of("en", "Only English")), "title.fr");
        expectFieldError(e -> e.put("format", "IN_PERSON"), "venue");
    }

    @Test
    void nothingIsStoredFromBadInput() throws Exception {
        expectFieldError(e -> e.put("end", "2027-02-16T12:00"), "end");
        postRaw("{").andExpect(status().isBadRequest());
        // Whatever these requests stored would be the organisation's: it has nothing.
        assertThat(eventsOfTheOrganisation()).isZero();

        // The same count sees what the organisation does store.
        postRaw(json.writeValueAsString(Fixtures.onlineDebate())).andExpect(status().isCreated());
        assertThat(eventsOfTheOrganisation()).isOne();
    }

    private long eventsOfTheOrganisation() {
        return jdbc.sql("SELECT count(*) FROM event WHERE organisation = :organisation")
                .param("organisation", organisation)
                .query(Long.class)
                .single();
    }

    private void expectFieldError(Consumer<Map<String, Object>> change, String field) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        change.accept(event);
        postRaw(json.writeValueAsString(event))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    private ResultActions postRaw(String body) throws Exception {
        return mvc.perform(post("/api/events")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}

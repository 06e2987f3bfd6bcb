package org.museumevents.catalog;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.museumevents.testsupport.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The organiser's requests the catalog tests make over and over, through MockMvc with a real token. */
public final class CatalogRequests {

    private CatalogRequests() {}

    /**
     * Creates a draft event ({@code POST /api/events}), expecting 201.
     *
     * @return the new event's id
     */
    public static String create(MockMvc mvc, JsonMapper json, String organisation, Map<String, Object> body)
            throws Exception {
        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(created).path("id").asString();
    }

    /**
     * Creates an event and publishes it ({@code POST /api/events/{id}/publish}), expecting 201 then 200.
     *
     * @return the event's id
     */
    public static String publish(MockMvc mvc, JsonMapper json, String organisation, Map<String, Object> body)
            throws Exception {
        String id = create(mvc, json, organisation, body);
        mvc.perform(post("/api/events/{id}/publish", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation)))
                .andExpect(status().isOk());
        return id;
    }
}

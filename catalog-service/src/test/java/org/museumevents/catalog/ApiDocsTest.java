package org.museumevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.ContractTable;
import org.museumevents.testsupport.ContractTable.Operation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description, read anonymously as the gateway's Swagger UI reads it, carries the
 * catalog's part of docs/api.md, and the organiser operations it declares are the ones
 * the security chain actually guards.
 */
@CatalogIntegrationTest
class ApiDocsTest {

    /** The served operations of the catalog section of docs/api.md, read from the file itself. */
    static final List<Operation> TABLE = ContractTable.operations("Catalog (catalog-service)");

    /** Those operations as "METHOD /path". */
    static final List<String> CONTRACT = TABLE.stream().map(Operation::toString).toList();

    /** The operations whose "who" is "organiser" on every row that names them. */
    static final Set<String> ORGANISER_ONLY = TABLE.stream()
            .filter(operation -> operation.onlyFor("organiser"))
            .map(Operation::toString)
            .collect(Collectors.toSet());

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    JsonNode docs;

    @BeforeEach
    void readDocs() throws Exception {
        String body = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        docs = json.readTree(body);
    }

    @Test
    void describesEveryContractOperation() {
        assertThat(operations()).containsAll(CONTRACT);
        assertThat(docs.at("/info/title").asString()).isNotBlank();
        assertThat(docs.at("/info/version").asString()).isNotBlank();
        // Relative: "Try it out" goes to the origin the description was fetched from (the gateway).
        assertThat(docs.at("/servers/0/url").asString()).isEqualTo("/");
    }

    @Test
    void organiserOperationsRequireTheBearerTokenAndPublicOnesDoNot() {
        JsonNode scheme = docs.at("/components/securitySchemes/organiser");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");

        for (String operation : CONTRACT) {
            JsonNode security = operation(operation).path("security");
            if (ORGANISER_ONLY.contains(operation)) {
                assertThat(security.size()).as(operation).isEqualTo(1);
                assertThat(security.get(0).has("organiser")).as(operation).isTrue();
                assertThat(operation(operation).at("/responses/401").isMissingNode())
                        .as(operation)
                        .isFalse();
            } else {
                // Absent, or optional: one alternative is no token at all.
                boolean anonymous = security.isMissingNode();
                for (JsonNode alternative : security) {
                    anonymous |= alternative.isEmpty();
                }
                assertThat(anonymous).as(operation).isTrue();
            }
        }
        assertThat(operation("GET /api/events/{id}").path("security").toString())
                .as("an organiser's token shows drafts and meeting")
                .contains("organiser");
    }

    @Test
    void everyOperationDeclaredForOrganisersIsRefusedWithoutAToken() throws Exception {
        for (String operation : operations()) {
            JsonNode security = operation(operation).path("security");
            boolean organiserOnly = security.size() > 0;
            for (JsonNode alternative : security) {
                organiserOnly &= alternative.has("organiser");
            }
            String[] methodAndPath = operation.split(" ");
            String uri =
                    methodAndPath[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            int status = mvc.perform(request(HttpMethod.valueOf(methodAndPath[0]), uri))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            if (organiserOnly) {
                assertThat(status).as(operation).isEqualTo(401);
            } else {
                assertThat(status).as(operation).isNotEqualTo(401);
            }
        }
    }

    @Test
    void describesTheContractsShapes() {
        JsonNode put = operation("PUT /api/events/{id}");
        assertThat(put.at("/requestBody/content/application~1json/schema/$ref").asString())
                .endsWith("/EventDetails");
        assertThat(parameterNames(put)).contains("If-Match");
        assertThat(put.at("/responses/200/headers/ETag").isMissingNode()).isFalse();
        assertThat(put.at("/responses/412/content/application~1problem+json/schema/$ref")
                        .asString())
                .endsWith("/Problem");

        JsonNode create = operation("POST /api/events");
        assertThat(create.at("/responses/201/headers/Location").isMissingNode()).isFalse();
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("/EventView");
        assertThat(create.at("/responses/400/content/application~1problem+json/schema/$ref")
                        .asString())
                .endsWith("/Problem");

        assertThat(operation("GET /api/events/{id}/calendar.ics")
                        .at("/responses/200/content")
                        .has("text/calendar"))
                .isTrue();
        assertThat(operation("POST /api/series/{id}/occurrences")
                        .at("/responses/201/content/application~1json/schema/$ref")
                        .asString())
                .isNotBlank();

        JsonNode schemas = docs.at("/components/schemas");
        assertThat(fields(schemas.get("EventView")))
                .contains(
                        "id",
                        "organisation",
                        "seriesId",
                        "status",
                        "title",
                        "description",
                        "defaultLanguage",
                        "format",
                        "start",
                        "end",
                        "timeZone",
                        "venue",
                        "meeting",
                        "capacity",
                        "registration",
                        "interpretation",
                        "people",
                        "partners",
                        "tags",
                        "reminders",
                        "questions",
                        "version");
        // Local times, as the contract writes them: no RFC 3339 offset.
        assertThat(schemas.at("/EventView/properties/start/format").isMissingNode())
                .isTrue();
        assertThat(fields(schemas.get("Question"))).contains("id", "kind", "label", "choices", "required");
        assertThat(fields(schemas.get("Recurrence"))).contains("rule", "start", "durationMinutes", "timeZone");
        assertThat(fields(schemas.get("Problem"))).contains("type", "title", "status", "detail", "errors");
    }

    private List<String> operations() {
        List<String> operations = new ArrayList<>();
        docs.get("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(method -> operations.add(method.getKey().toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private JsonNode operation(String operation) {
        String[] methodAndPath = operation.split(" ");
        return docs.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation
                .path("parameters")
                .forEach(parameter -> names.add(parameter.get("name").asString()));
        return names;
    }

    private static List<String> fields(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").propertyNames().forEach(names::add);
        return names;
    }
}

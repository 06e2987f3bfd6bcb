package org.museumevents.gateway.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One service behind the pages, called with its JSON contract. An unreachable or failing service,
 * or an answer that cannot be read (cut short, not JSON), becomes {@link ServiceUnavailable}; a 4xx answer becomes {@link ServiceProblem} with its problem.
 * Timeouts are short: a page waits seconds for a service, never minutes.
 */
abstract class ServiceClient {

    final RestClient http;
    private final String service;
    private final JsonMapper json;

    /**
     * @param requests the gateway's HTTP client (routing.Routes: Apache HttpClient 5, 2 s to
     *     connect, 10 s to answer, no redirects followed), shared with the proxied routes
     */
    ServiceClient(
            String service,
            URI baseUrl,
            RestClient.Builder builder,
            ClientHttpRequestFactory requests,
            JsonMapper json) {
        this.service = service;
        this.json = json;
        this.http = builder.clone()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().is5xxServerError()) {
                throw new ServiceUnavailable(service, e);
            }
            throw new ServiceProblem(problem(e));
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailable(service, e);
        } catch (RestClientException e) {
            // A body cut short (the read timeout closing it under load) or not the JSON of the contract:
            // the service failed this answer, and the page says so rather than showing a 500.
            throw new ServiceUnavailable(service, e);
        }
    }

    /** The bearer token of an organiser, or nothing at all for public calls. */
    static Consumer<HttpHeaders> bearer(String token) {
        return headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        };
    }

    /**
     * {@code path} with its {@code {}} variables, then the query parameters that have a value; every
     * value is encoded strictly, so {@code +}, {@code &} or {@code =} typed in a search stay text.
     */
    static Function<UriBuilder, URI> uri(String path, Map<String, ?> query, Object... pathVariables) {
        return builder -> {
            List<Object> values = new ArrayList<>(List.of(pathVariables));
            builder.path(path);
            query.forEach((name, value) -> {
                if (value != null && !value.toString().isBlank()) {
                    builder.queryParam(name, "{" + name + "}");
                    values.add(value);
                }
            });
            return builder.build(values.toArray());
        };
    }

    static Map<String, Object> query(Object... namesAndValues) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private Problem problem(RestClientResponseException e) {
        int status = e.getStatusCode().value();
        String body = e.getResponseBodyAsString();
        if (!body.isBlank()) {
            try {
                Problem parsed = json.readValue(body, Problem.class);
                return new Problem(
                        parsed.type(),
                        parsed.title(),
                        parsed.status() == 0 ? status : parsed.status(),
                        parsed.detail(),
                        parsed.errors());
            } catch (JacksonException ignored) {
                // Not a problem document: the status alone tells what happened.
            }
        }
        return new Problem(null, e.getStatusText(), status, null, List.of());
    }
}

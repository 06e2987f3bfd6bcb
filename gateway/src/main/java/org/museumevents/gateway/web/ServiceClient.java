package org.museumevents.gateway.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.museumevents.gateway.routing.InstanceFailover;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.support.HttpRequestWrapper;
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
 *
 * <p>Each call goes to one of the service's instances, chosen by Spring Cloud LoadBalancer among
 * those passing their health check (routing.ServiceInstances: {@code gateway.services.*}); a call
 * whose connection an instance refused, or did not accept in time, is made again, to the next
 * instance, up to {@value InstanceFailover#ATTEMPTS} times (routing.InstanceFailover): nothing of it had been sent.
 */
abstract class ServiceClient {

    final RestClient http;
    private final String service;
    private final JsonMapper json;

    /**
     * @param service the service's id for the load balancer ({@code catalog}, {@code registration},
     *     {@code notification}), also its name in messages
     * @param requests the gateway's HTTP client (routing.Routes: Apache HttpClient 5, 2 s to
     *     connect, 10 s to answer, no redirects followed), shared with the proxied routes
     */
    ServiceClient(
            String service,
            LoadBalancerClient instances,
            RestClient.Builder builder,
            ClientHttpRequestFactory requests,
            JsonMapper json) {
        this.service = service;
        this.json = json;
        this.http = builder.clone()
                .baseUrl("http://" + service)
                .requestFactory(requests)
                .requestInterceptor(toAnInstance(service, instances))
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    /**
     * Sends each request to the instance the load balancer chooses for {@code service}; with none
     * passing its health check, fails as an unreachable service does (an {@link IOException}, so
     * {@link #call} makes it a {@link ServiceUnavailable}).
     */
    private static ClientHttpRequestInterceptor toAnInstance(String service, LoadBalancerClient instances) {
        return (request, body, execution) -> {
            ServiceInstance instance = instances.choose(service);
            if (instance == null) {
                throw new IOException("No instance of " + service + "-service passes its health check");
            }
            URI uri = instances.reconstructURI(instance, request.getURI());
            HttpRequest toInstance = new HttpRequestWrapper(request) {
                @Override
                public URI getURI() {
                    return uri;
                }
            };
            return execution.execute(toInstance, body);
        };
    }

    <T> T call(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(request);
            } catch (ServiceUnavailable e) {
                if (attempt >= InstanceFailover.ATTEMPTS || !InstanceFailover.notConnected(e)) {
                    throw e;
                }
            }
        }
    }

    private <T> T attempt(Supplier<T> request) {
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

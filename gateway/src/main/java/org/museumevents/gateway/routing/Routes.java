package org.museumevents.gateway.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The paths of docs/api.md, each to the service that owns it. The more specific
 * registration and notification paths under {@code /api/events/{id}/...} come before the catalog's
 * {@code /api/events/**}. Headers, including the organiser's bearer token, pass through: each
 * service verifies tokens itself. Each service's OpenAPI description is at
 * {@code /v3/api-docs/<service>} for the Swagger UI served here.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    private static final Set<HttpMethod> SAFE_METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    /** A service that does not accept a connection in this time is down: 503 (docs/api.md). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A service that does not answer in this time is treated as down: 503, rather than a held thread. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Connections kept per service: as many as this gateway's request threads. */
    static final int CONNECTIONS_PER_SERVICE = 200;

    /**
     * The client the routes proxy with (Spring Cloud Gateway takes the {@link ClientHttpRequestFactory}
     * bean): Apache HttpClient 5 rather than the JDK's, whose HTTP/1.1 exchange fails now and then
     * with a NullPointerException while sending a request (armeria#5358), a 500 for the caller. Its
     * pool holds {@value #CONNECTIONS_PER_SERVICE} connections per service, checks one idle for a
     * second before reuse and closes those idle 30 s (a service closes them too: reusing one it
     * closed would fail a request); redirects are the caller's to follow. It never repeats a request
     * because of the service's answer: HttpClient's default strategy repeats a GET answered 503
     * after the answer's {@code Retry-After}, which made a database outage behind the catalog answer
     * in 11 s instead of 4 (local-platform's PostgresOutageFaultTest); the service's 503 is the caller's
     * to act on. A request that failed on an idle connection before anything was sent is still
     * repeated once when its method is idempotent (RFC 9110 §9.2.2).
     */
    @Bean
    ClientHttpRequestFactory gatewayClientHttpRequestFactory() {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool ->
                        pool.setMaxConnPerRoute(CONNECTIONS_PER_SERVICE).setMaxConnTotal(3 * CONNECTIONS_PER_SERVICE))
                .withConnectionConfigCustomizer(
                        connections -> connections.setValidateAfterInactivity(TimeValue.ofSeconds(1)))
                .withHttpClientCustomizer(client ->
                        client.evictIdleConnections(TimeValue.ofSeconds(30)).setRetryStrategy(new NoRetryOnAnswer()))
                .build(HttpClientSettings.defaults()
                        .withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT)
                        .withRedirects(HttpRedirects.DONT_FOLLOW));
    }

    /** HttpClient's default retries on I/O failures of idempotent requests, none on a status code. */
    static final class NoRetryOnAnswer extends DefaultHttpRequestRetryStrategy {

        NoRetryOnAnswer() {
            super(1, TimeValue.ZERO_MILLISECONDS);
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }
    }

    @Bean
    RouterFunction<ServerResponse> registrationRoutes(ServicesProperties services) {
        return to(
                "registration",
                services.registration(),
                path("/api/events/*/registrations")
                        .or(path("/api/registrations/**"))
                        .or(path("/api/events/*/attendees"))
                        .or(path("/api/events/*/registration-stats"))
                        .or(path("/api/events/*/availability")));
    }

    @Bean
    RouterFunction<ServerResponse> notificationRoutes(ServicesProperties services) {
        return to("notification", services.notification(), path("/api/events/*/notifications"));
    }

    /**
     * The catalog's paths. A write answered below 400 empties the gateway's public caches (every
     * cache of {@code publicCaches}: web.PublicCatalogCache's), so that an organiser's change made
     * through the API shows on the pages and the public lists at once, as one made through the pages
     * does; it is done here because this route is what reaches the catalog, however the path is
     * spelled.
     */
    @Bean
    RouterFunction<ServerResponse> catalogRoutes(ServicesProperties services, CacheManager publicCaches) {
        return route("catalog")
                .route(path("/api/events/**").or(path("/api/series/**")), http())
                .before(uri(services.catalog()))
                .after((request, response) -> {
                    if (!SAFE_METHODS.contains(request.method())
                            && response.statusCode().value() < 400) {
                        publicCaches
                                .getCacheNames()
                                .forEach(name -> publicCaches.getCache(name).clear());
                    }
                    return response;
                })
                .onError(Routes::unreachable, (error, request) -> serviceUnavailable("catalog", request))
                .build();
    }

    /** Each service's {@code /v3/api-docs}, listed in springdoc.swagger-ui.urls. */
    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes(ServicesProperties services) {
        return apiDocs("catalog", services.catalog())
                .and(apiDocs("registration", services.registration()))
                .and(apiDocs("notification", services.notification()));
    }

    private static RouterFunction<ServerResponse> apiDocs(String service, URI target) {
        return route(service + "-api-docs")
                .GET("/v3/api-docs/" + service, http())
                .before(uri(target))
                .before(setPath("/v3/api-docs"))
                .onError(Routes::unreachable, (error, request) -> serviceUnavailable(service, request))
                .build();
    }

    private static RouterFunction<ServerResponse> to(String service, URI target, RequestPredicate paths) {
        return route(service)
                .route(paths, http())
                .before(uri(target))
                .onError(Routes::unreachable, (error, request) -> serviceUnavailable(service, request))
                .build();
    }

    /** The service could not be reached or did not answer: a dependency's outage, not our bug. */
    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static ServerResponse serviceUnavailable(String service, ServerRequest request) {
        log.warn("{}-service unreachable for {} {}", service, request.method(), request.path());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The " + service + " service is unavailable; try again shortly.");
        problem.setType(URI.create("https://museum-events.org/problems/service-unavailable"));
        problem.setTitle("Service unavailable");
        problem.setInstance(URI.create(request.path()));
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

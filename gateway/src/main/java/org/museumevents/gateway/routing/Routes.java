package org.museumevents.gateway.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BodyFilterFunctions.adaptCachedBody;
import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.cache.CacheManager;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The paths of docs/api.md, each to the service that owns it. The more specific
 * registration and notification paths under {@code /api/events/{id}/...} and {@code
 * /api/series/{id}/...} come before the catalog's {@code /api/events/**} and {@code /api/series/**}. Headers, including the organiser's bearer token, pass through: each
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

    private final int maxBodyBytes;

    /**
     * @param maxBodySize the largest request body proxied ({@code gateway.max-api-body-size}, the
     *     services' own limit; {@link ProxiedBodyLimit})
     */
    Routes(@Value("${gateway.max-api-body-size:256KB}") DataSize maxBodySize) {
        this.maxBodyBytes = Math.toIntExact(maxBodySize.toBytes());
    }

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
    RouterFunction<ServerResponse> registrationRoutes() {
        return to(
                ServicesProperties.REGISTRATION,
                path("/api/events/*/registrations")
                        .or(path("/api/registrations/**"))
                        .or(path("/api/events/*/attendees"))
                        .or(path("/api/events/*/registration-stats"))
                        .or(path("/api/events/*/availability"))
                        // Issue 16: the door's check-ins and search, attendance, attestations' verification.
                        .or(path("/api/events/*/check-ins"))
                        .or(path("/api/events/*/check-ins/*"))
                        .or(path("/api/events/*/attendance"))
                        .or(path("/api/events/*/attendance/*"))
                        .or(path("/api/attestations/*"))
                        // Issue 17: following a series, its followers' count, and the subscriptions
                        // themselves; before the catalog's /api/series/** (reconfirm and decline are
                        // under /api/registrations/** above).
                        .or(path("/api/series/*/subscriptions"))
                        .or(path("/api/series/*/followers"))
                        .or(path("/api/subscriptions/**")));
    }

    @Bean
    RouterFunction<ServerResponse> notificationRoutes() {
        return to(
                ServicesProperties.NOTIFICATION,
                path("/api/events/*/notifications")
                        .or(path("/api/events/*/messages"))
                        .or(path("/api/events/*/messages/**")));
    }

    /**
     * The catalog's paths. A write answered below 400 empties the gateway's public caches (every
     * cache of {@code publicCaches}: web.PublicCatalogCache's), so that an organiser's change made
     * through the API shows on the pages and the public lists at once, as one made through the pages
     * does; it is done here because this route is what reaches the catalog, however the path is
     * spelled.
     */
    @Bean
    RouterFunction<ServerResponse> catalogRoutes(CacheManager publicCaches) {
        return route(ServicesProperties.CATALOG)
                .route(
                        path("/api/events/**")
                                .or(path("/api/series/**"))
                                // Issue 17: an organisation's public calendar feed.
                                .or(path("/api/organisations/*/calendar.ics")),
                        http())
                .filter(toAnInstance(ServicesProperties.CATALOG))
                .filter(lb(ServicesProperties.CATALOG))
                .after((request, response) -> {
                    if (!SAFE_METHODS.contains(request.method())
                            && response.statusCode().value() < 400) {
                        publicCaches
                                .getCacheNames()
                                .forEach(name -> publicCaches.getCache(name).clear());
                    }
                    return response;
                })
                .build();
    }

    /** Each service's {@code /v3/api-docs}, listed in springdoc.swagger-ui.urls. */
    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes() {
        return apiDocs(ServicesProperties.CATALOG)
                .and(apiDocs(ServicesProperties.REGISTRATION))
                .and(apiDocs(ServicesProperties.NOTIFICATION));
    }

    private RouterFunction<ServerResponse> apiDocs(String service) {
        return route(service + "-api-docs")
                .GET("/v3/api-docs/" + service, http())
                .filter(toAnInstance(service))
                .before(setPath("/v3/api-docs"))
                .filter(lb(service))
                .build();
    }

    private RouterFunction<ServerResponse> to(String service, RequestPredicate paths) {
        return route(service)
                .route(paths, http())
                .filter(toAnInstance(service))
                .filter(lb(service))
                .build();
    }

    /**
     * Around the load balancer's choice of an instance ({@code lb}, next in the chain): a request
     * whose connection the chosen instance refused, or did not accept within {@link
     * #CONNECT_TIMEOUT}, goes to the next instance, up to {@value InstanceFailover#ATTEMPTS} attempts.
     * Nothing of it reached the instance, so this holds for a POST as much as for a GET (RFC 9110
     * §9.2.2 is about requests that may have been received); a request that failed after it was
     * sent is never sent again. The body is read once (at most {@code gateway.max-api-body-size},
     * else 413 problem+json, as {@link ProxiedBodyLimit} answers a declared length over it) and
     * given to each attempt. When no instance can be reached, or none passes its health check, the
     * answer is a 503 problem+json with {@code Retry-After: 5} (docs/api.md).
     */
    private HandlerFilterFunction<ServerResponse, ServerResponse> toAnInstance(String service) {
        return (request, next) -> {
            byte[] body;
            try (InputStream in = request.servletRequest().getInputStream()) {
                body = in.readNBytes(maxBodyBytes + 1);
            }
            if (body.length > maxBodyBytes) {
                return bodyTooLarge();
            }
            ByteArrayInputStream replay = new ByteArrayInputStream(body);
            MvcUtils.putAttribute(request, MvcUtils.CACHED_REQUEST_BODY_ATTR, replay);
            for (int attempt = 1; ; attempt++) {
                replay.reset();
                try {
                    return next.handle(adaptCachedBody().apply(request));
                } catch (Exception e) {
                    if (InstanceFailover.notConnected(e) && attempt < InstanceFailover.ATTEMPTS) {
                        log.info("{}-service: an instance refused a connection; trying another", service);
                        continue;
                    }
                    if (unreachable(e)) {
                        return serviceUnavailable(service, request);
                    }
                    throw e;
                }
            }
        };
    }

    /**
     * The service could not be reached or did not answer, or it has no instance passing its health
     * check (the load balancer's 503): a dependency's outage, not our bug.
     */
    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException
                    || (cause instanceof HttpServerErrorException serverError
                            && serverError.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())) {
                return true;
            }
        }
        return false;
    }

    private ServerResponse bodyTooLarge() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The request body may be at most " + maxBodyBytes + " bytes.");
        problem.setType(URI.create("https://museum-events.org/problems/body-too-large"));
        problem.setTitle("Request body too large");
        return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
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

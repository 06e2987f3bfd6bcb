package org.museumevents.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket (bucket4j) per client on {@code POST /api/events/{id}/registrations}. Over the
 * limit: 429 problem+json with {@code Retry-After}. Buckets live in a bounded cache (Caffeine), so
 * many clients cannot exhaust memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RegistrationRateLimit extends OncePerRequestFilter {

    private static final Pattern REGISTRATIONS = Pattern.compile("/api/events/[^/]+/registrations/?");
    /** The web front's registration form posts here; the same bucket, or the limit is one click away. */
    private static final Pattern FORM = Pattern.compile("/events/[^/]+/register/?");

    private final RateLimitProperties properties;
    private final LoadingCache<String, Bucket> buckets;

    RegistrationRateLimit(RateLimitProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.clientsTracked())
                .expireAfterAccess(properties.period().multipliedBy(2))
                .build(client -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(properties.registrations())
                                .refillGreedy(properties.registrations(), properties.period())
                                .build())
                        .build());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return properties.registrations() == 0
                || !"POST".equals(request.getMethod())
                || !(REGISTRATIONS.matcher(request.getRequestURI()).matches()
                        || FORM.matcher(request.getRequestURI()).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = buckets.get(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (FORM.matcher(request.getRequestURI()).matches()) {
            // A person at the form: a page, in the three languages since no locale is resolved yet.
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>Too many requests</title></head><body><main id=\"too-many-requests\">"
                            + "<p>Too many registrations from this connection. Please try again in " + seconds
                            + " seconds.</p><p lang=\"fr\">Trop d’inscriptions depuis cette connexion. Réessayez dans "
                            + seconds + " secondes.</p><p lang=\"es\">Demasiadas inscripciones desde esta conexión."
                            + " Vuelva a intentarlo en " + seconds + " segundos.</p>"
                            + "<p><a href=\"/\">Museum Events</a></p></main></body></html>");
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write(
                        "{\"type\":\"https://museum-events.org/problems/too-many-requests\",\"title\":\"Too many requests\","
                                + "\"status\":429,\"detail\":\"Too many registration requests from this client; retry after "
                                + seconds + " s.\",\"instance\":\"" + request.getRequestURI() + "\"}");
    }
}

package org.museumevents.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
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
 * A token bucket (bucket4j) per client on registering ({@code POST /api/events/{id}/registrations}
 * and the web front's form) and, in a bucket of its own, on cancelling
 * ({@code DELETE /api/registrations/{id}}, {@code POST /api/registrations/{id}/cancel} and the
 * manage page's form); issue 17 adds following a series and taking a released place back to the
 * first, giving a place up ({@code decline}) and stopping to follow a series to the second, API and
 * pages alike. Over the limit: 429 problem+json (a page for the forms) with
 * {@code Retry-After}.
 *
 * <p>Issue 18: the buckets live in the gateway's database ({@link SharedBuckets}, bucket4j's
 * PostgreSQL proxy manager), so every gateway instance takes from the same allowance: a client
 * gets {@code registrations} per {@code period} in all, whichever instances its requests reach.
 *
 * <p>With the database unreachable the limit fails open to a bucket of this instance (bounded,
 * in a Caffeine cache), with a warning in the log, and tries the database again
 * {@link SharedBuckets#RETRY_AFTER} later: a gateway database outage neither answers 500 nor stops
 * registrations (registration-service has a database of its own), and the limit still holds per
 * instance meanwhile, at most the number of instances times the allowance in all.
 *
 * <p>Requests are recognised by their {@link LookupPath}, the decoded and normalised path the
 * routes match, never the raw URI: {@code /registration%73}, {@code //api/...},
 * {@code ;jsessionid=1}, a trailing slash or a dot-segment reach the same endpoint, so they take
 * from the same bucket.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RegistrationRateLimit extends OncePerRequestFilter {

    private static final String SEGMENT = "[^/]+";

    private enum Kind {
        REGISTRATION("registration", "Too many registrations", "Trop d’inscriptions", "Demasiadas inscripciones"),
        CANCELLATION("cancellation", "Too many cancellations", "Trop d’annulations", "Demasiadas anulaciones");

        final String noun;
        final String en;
        final String fr;
        final String es;

        Kind(String noun, String en, String fr, String es) {
            this.noun = noun;
            this.en = en;
            this.fr = fr;
            this.es = es;
        }
    }

    private record Limited(Kind kind, boolean page) {}

    private static final Pattern REGISTER_API = Pattern.compile("/api/events/" + SEGMENT + "/registrations");
    /** The web front's registration form posts here; the same bucket, or the limit is one click away. */
    private static final Pattern REGISTER_FORM = Pattern.compile("/events/" + SEGMENT + "/register");

    /**
     * Issue 17: following a series registers for each of its occurrences ahead, and taking a
     * released place back takes a place: both from the registrations' bucket, API and page alike.
     */
    private static final Pattern SUBSCRIBE_API = Pattern.compile("/api/series/" + SEGMENT + "/subscriptions");

    private static final Pattern SUBSCRIBE_FORM = Pattern.compile("/series/" + SEGMENT + "/follow");
    private static final Pattern RECONFIRM_API = Pattern.compile("/api/registrations/" + SEGMENT + "/reconfirm");
    private static final Pattern RECONFIRM_FORM = Pattern.compile("/registrations/" + SEGMENT + "/reconfirm");

    private static final Pattern CANCEL_API_DELETE = Pattern.compile("/api/registrations/" + SEGMENT);
    /**
     * Issue 17: giving a place up ("decline") and stopping to follow a series (which may cancel the
     * registrations ahead) are cancellations, API and page alike.
     */
    private static final Pattern UNSUBSCRIBE_API_DELETE = Pattern.compile("/api/subscriptions/" + SEGMENT);

    private static final Pattern UNSUBSCRIBE_FORM = Pattern.compile("/subscriptions/" + SEGMENT + "/stop");
    private static final Pattern DECLINE_API = Pattern.compile("/api/registrations/" + SEGMENT + "/decline");
    private static final Pattern DECLINE_FORM = Pattern.compile("/registrations/" + SEGMENT + "/decline");
    private static final Pattern CANCEL_API_POST = Pattern.compile("/api/registrations/" + SEGMENT + "/cancel");
    /** The manage page's cancel form, which calls the DELETE above. */
    private static final Pattern CANCEL_FORM = Pattern.compile("/registrations/" + SEGMENT + "/cancel");

    private final RateLimitProperties properties;
    private final SharedBuckets shared;
    private final BucketConfiguration registrations;
    private final BucketConfiguration cancellations;
    /** This instance's own buckets, used only while the shared ones cannot be reached. */
    private final LoadingCache<String, Bucket> local;

    RegistrationRateLimit(RateLimitProperties properties, SharedBuckets shared) {
        this.properties = properties;
        this.shared = shared;
        this.registrations = configuration(properties.registrations(), properties.period());
        this.cancellations = configuration(properties.cancellations(), properties.period());
        this.local = Caffeine.newBuilder()
                .maximumSize(properties.clientsTracked())
                .expireAfterAccess(properties.period().multipliedBy(2))
                .build(key -> Bucket.builder()
                        .addLimit(
                                key.startsWith(Kind.REGISTRATION.noun + ":")
                                        ? registrations.getBandwidths()[0]
                                        : cancellations.getBandwidths()[0])
                        .build());
    }

    private static BucketConfiguration configuration(int allowed, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        // Zero turns the limit off (limited() never asks for it); bucket4j wants a positive capacity.
                        .capacity(Math.max(1, allowed))
                        .refillGreedy(Math.max(1, allowed), period)
                        .build())
                .build();
    }

    /** Which limit the request falls under, if any: by method and the path the routes resolve. */
    private Limited limited(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"POST".equals(method) && !"DELETE".equals(method)) {
            return null;
        }
        String path = LookupPath.of(request);
        if ("POST".equals(method)) {
            if (properties.registrations() > 0) {
                if (REGISTER_API.matcher(path).matches()) {
                    return new Limited(Kind.REGISTRATION, false);
                }
                if (REGISTER_FORM.matcher(path).matches()) {
                    return new Limited(Kind.REGISTRATION, true);
                }
                if (SUBSCRIBE_API.matcher(path).matches()
                        || RECONFIRM_API.matcher(path).matches()) {
                    return new Limited(Kind.REGISTRATION, false);
                }
                if (SUBSCRIBE_FORM.matcher(path).matches()
                        || RECONFIRM_FORM.matcher(path).matches()) {
                    return new Limited(Kind.REGISTRATION, true);
                }
            }
            if (properties.cancellations() > 0) {
                if (CANCEL_API_POST.matcher(path).matches()) {
                    return new Limited(Kind.CANCELLATION, false);
                }
                if (CANCEL_FORM.matcher(path).matches()) {
                    return new Limited(Kind.CANCELLATION, true);
                }
                if (DECLINE_API.matcher(path).matches()) {
                    return new Limited(Kind.CANCELLATION, false);
                }
                if (DECLINE_FORM.matcher(path).matches()
                        || UNSUBSCRIBE_FORM.matcher(path).matches()) {
                    return new Limited(Kind.CANCELLATION, true);
                }
            }
            return null;
        }
        return properties.cancellations() > 0
                        && (CANCEL_API_DELETE.matcher(path).matches()
                                || UNSUBSCRIBE_API_DELETE.matcher(path).matches())
                ? new Limited(Kind.CANCELLATION, false)
                : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limited limited = limited(request);
        if (limited == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = limited.kind().noun + ":" + request.getRemoteAddr();
        ConsumptionProbe probe = shared.tryConsume(
                        key, limited.kind() == Kind.REGISTRATION ? registrations : cancellations)
                .orElseGet(() -> local.get(key).tryConsumeAndReturnRemaining(1));
        if (probe.isConsumed()) {
            response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Kind kind = limited.kind();
        if (limited.page()) {
            // A person at the form: a page, in the three languages since no locale is resolved yet.
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>Too many requests</title></head><body><main id=\"too-many-requests\">"
                            + "<p>" + kind.en + " from this connection. Please try again in " + seconds
                            + " seconds.</p><p lang=\"fr\">" + kind.fr
                            + " depuis cette connexion. Réessayez dans " + seconds + " secondes.</p><p lang=\"es\">"
                            + kind.es + " desde esta conexión. Vuelva a intentarlo en " + seconds + " segundos.</p>"
                            + "<p><a href=\"/\">Museum Events</a></p></main></body></html>");
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write(
                        "{\"type\":\"https://museum-events.org/problems/too-many-requests\",\"title\":\"Too many requests\","
                                + "\"status\":429,\"detail\":\"Too many " + kind.noun
                                + " requests from this client; retry after "
                                + seconds + " s.\",\"instance\":\"" + jsonString(request.getRequestURI()) + "\"}");
    }

    /** The raw URI inside a JSON string: it is the client's text. */
    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.toString();
    }
}

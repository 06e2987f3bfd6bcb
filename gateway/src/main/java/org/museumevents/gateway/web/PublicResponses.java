package org.museumevents.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.cache.CacheManager;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A few seconds' cache of whole public answers (issue 13): the home page ({@code GET /}) and the
 * proxied lists {@code GET /api/events} and {@code GET /api/series}, as an anonymous visitor gets
 * them. Under 100 concurrent visitors, rendering the same home page and relaying the same list
 * took most of the gateway's CPU; a kept answer is written back as it was, so that each distinct
 * page is made once per half {@code gateway.public-cache.ttl} (5 s, at most 10 s): the page is made
 * from the catalog's reads, kept the other half ({@link PublicCatalogCache}), so what it shows is at
 * most {@code ttl} behind the catalog.
 *
 * <p>Only what anyone would be answered is kept and served: a GET with no {@code Authorization}
 * header, no HTTP session (an organiser's login, and the flash messages shown once after a form,
 * live in the session), no signed-in user, no {@code ?lang=} (which sets the language cookie), no
 * conditional or range header, and no {@code size} over {@value #LARGEST_PAGE}. An answer is kept
 * only if it is a 200 of the path's own type (HTML for the page, JSON for the lists: the catalog
 * also speaks other types to whoever asks), made for such a request, that did not open a session.
 * The key is the path and the parameters as read with, for the page, the language it was resolved
 * to (cookie, else Accept-Language) and, for the lists, every value of Accept and Accept-Language.
 * Kept headers are the representation's own (type, language, Vary, ETag, Last-Modified, Link);
 * Spring Security's headers are written again on every answer.
 *
 * <p>A write through the gateway's catalog route empties every public cache when it is answered
 * (routing.Routes), as an organiser's change through the pages does ({@link EvictsPublicReads});
 * an answer being made when that happens is sent but not kept ({@link PublicCache}). The cache is bounded in bytes ({@code gateway.public-cache.max-response-size}, 8
 * MB by default) and an answer over 512 KiB is never kept. When a kept answer has expired, the
 * visitors asking for it at that instant wait for the one request making it again (at most {@link
 * #WAIT}), rather than each making it: without that, every expiry was a burst of 100 renderings
 * and a second-long p99.
 */
@Component
// After Spring Security's filter chain, which sets who is signed in.
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10)
class PublicResponses extends OncePerRequestFilter {

    /** The largest answer kept, in bytes. */
    static final int LARGEST = 512 * 1024;

    /** The largest {@code size} of a list kept. */
    static final int LARGEST_PAGE = 20;

    private static final Set<String> LISTS = Set.of("/api/events", "/api/series");

    private static final List<String> KEPT_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.VARY,
            HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED,
            HttpHeaders.LINK);

    private static final List<String> CONDITIONAL_HEADERS = List.of(
            HttpHeaders.IF_NONE_MATCH,
            HttpHeaders.IF_MODIFIED_SINCE,
            HttpHeaders.IF_MATCH,
            HttpHeaders.IF_UNMODIFIED_SINCE,
            HttpHeaders.RANGE);

    /**
     * An answer as kept: its status is always 200.
     *
     * @param headers the representation's headers, name to values, in {@link #KEPT_HEADERS} order
     * @param body the bytes as sent
     */
    record Kept(Map<String, List<String>> headers, byte[] body) {}

    /**
     * How long a request waits for the same answer being made by another (when the kept one
     * expired, every visitor at that instant asks for it): one page is made, not a hundred.
     */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final PublicCache cache;
    private final ConcurrentHashMap<String, CompletableFuture<Kept>> making = new ConcurrentHashMap<>();
    private final LocaleResolver languages;

    PublicResponses(CacheManager caches, LocaleResolver languages) {
        this.cache = (PublicCache) caches.getCache(PublicCatalogCache.RESPONSES);
        this.languages = languages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = "GET".equals(request.getMethod()) ? key(request) : null;
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Kept kept = cache.get(key, Kept.class);
        if (kept == null) {
            CompletableFuture<Kept> mine = new CompletableFuture<>();
            CompletableFuture<Kept> other = making.putIfAbsent(key, mine);
            if (other == null) {
                try {
                    make(key, request, response, chain, mine);
                } finally {
                    making.remove(key, mine);
                    mine.complete(null);
                }
                return;
            }
            kept = awaitOther(other);
            if (kept == null) {
                chain.doFilter(request, response);
                return;
            }
        }
        write(kept, response);
    }

    /** Answers the request through the chain, keeping the answer if it may be, and tells who waits for it. */
    private void make(
            String key,
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            CompletableFuture<Kept> waiting)
            throws ServletException, IOException {
        long generation = cache.generation();
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, recorded);
        if (recorded.getStatus() == HttpServletResponse.SC_OK
                && recorded.getContentSize() <= LARGEST
                && isOwnType(request, recorded.getContentType())
                && request.getSession(false) == null
                && !recorded.containsHeader(HttpHeaders.SET_COOKIE)) {
            Kept kept = keep(recorded);
            cache.putIfUnchanged(key, kept, generation);
            waiting.complete(kept);
        } else {
            // Not to be kept: those waiting for it make their own now, not after this one is sent.
            waiting.complete(null);
        }
        recorded.copyBodyToResponse();
    }

    /**
     * Only the answer's own kind is kept: HTML for the page, JSON for the lists. The catalog also
     * speaks other types to those who ask for them, and what one client negotiated must not be
     * what the others get.
     */
    private static boolean isOwnType(HttpServletRequest request, String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "/".equals(request.getRequestURI())
                    ? MediaType.TEXT_HTML.equalsTypeAndSubtype(type)
                    : MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * The answer another request is making for the same key, at most {@link #WAIT} later; null if
     * it could not be kept, failed, or took longer, and then this request makes its own.
     */
    private static Kept awaitOther(CompletableFuture<Kept> other) {
        try {
            return other.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** The key of an anonymous visitor's GET that may be answered from here, else null. */
    private String key(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean page = "/".equals(path);
        if (!page && !LISTS.contains(path)) {
            return null;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getSession(false) != null
                || signedIn()
                || request.getParameter("lang") != null
                || !isSmallPage(request)
                || CONDITIONAL_HEADERS.stream().anyMatch(name -> request.getHeader(name) != null)) {
            return null;
        }
        // The parameters as read, not the raw query: the same question however it is encoded.
        StringBuilder query = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                query.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                        .append('&');
            }
        });
        if (page) {
            Locale language = languages.resolveLocale(request);
            return path + "?" + query + "\n" + language.getLanguage();
        }
        // Every value of each header, as the catalog negotiates on them all; a line break cannot be
        // in a header value, so the parts cannot run into each other.
        return path + "?" + query + "\n" + String.join("\n", Collections.list(request.getHeaders(HttpHeaders.ACCEPT)))
                + "\n\n" + String.join("\n", Collections.list(request.getHeaders(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    /**
     * A page of at most {@value #LARGEST_PAGE} items (the lists' default is 20, the home page shows
     * 10): a larger page is passed through as it comes, not held whole in memory to be kept.
     */
    private static boolean isSmallPage(HttpServletRequest request) {
        String[] sizes = request.getParameterValues("size");
        if (sizes == null) {
            return true;
        }
        for (String size : sizes) {
            try {
                if (Integer.parseInt(size.strip()) > LARGEST_PAGE) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean signedIn() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && !(who instanceof AnonymousAuthenticationToken) && who.isAuthenticated();
    }

    private static Kept keep(ContentCachingResponseWrapper recorded) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            List<String> values = new ArrayList<>(recorded.getHeaders(name));
            if (name.equals(HttpHeaders.CONTENT_TYPE) && values.isEmpty() && recorded.getContentType() != null) {
                values.add(recorded.getContentType());
            }
            if (!values.isEmpty()) {
                headers.put(name, List.copyOf(values));
            }
        }
        return new Kept(headers, recorded.getContentAsByteArray());
    }

    private static void write(Kept kept, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        kept.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentLength(kept.body().length);
        response.getOutputStream().write(kept.body());
    }
}

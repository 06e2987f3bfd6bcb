package org.museumevents.gateway.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Brute-force protection in front of the two places a secret is checked: the organiser login form
 * ({@code POST /login}, by username) and {@code POST /oauth2/token} (by client id). A blocked
 * account or address gets 429 with {@code Retry-After}: the login page with the message in the
 * visitor's language, or a problem+json for the token endpoint. The outcome of each attempt that
 * is let through is read from the answer Spring Security gave: a redirect to {@code /login?error}
 * or a 401 is a failure, a redirect elsewhere or a 200 a success.
 */
public final class LoginProtection extends OncePerRequestFilter {

    /** The request attribute, in seconds, that asks the login page to say when to try again. */
    public static final String RETRY_AFTER_ATTRIBUTE = LoginProtection.class.getName() + ".retryAfter";

    /** Where a blocked login is forwarded, to be answered with the login page. */
    public static final String BLOCKED_PAGE = "/login/blocked";

    /** The decoded lookup path, as Spring Security's login and token endpoint matchers see it. */
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static {
        PATHS.setUrlDecode(true);
        PATHS.setRemoveSemicolonContent(true);
    }

    private final LoginThrottle throttle;

    LoginProtection(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    private enum Path {
        FORM,
        TOKEN
    }

    private static Path path(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = PATHS.getPathWithinApplication(request);
        if ("/login".equals(path)) {
            return Path.FORM;
        }
        return "/oauth2/token".equals(path) ? Path.TOKEN : null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return path(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Path path = path(request);
        String account = path == Path.FORM ? request.getParameter("username") : clientId(request);
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = throttle.blocked(account, address);
        if (blocked.isPresent()) {
            long seconds =
                    Math.max(1, blocked.get().toSeconds() + (blocked.get().toNanosPart() > 0 ? 1 : 0));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            if (path == Path.FORM) {
                request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds);
                request.getRequestDispatcher(BLOCKED_PAGE).forward(request, response);
            } else {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter()
                        .write("{\"type\":\"https://museum-events.org/problems/too-many-failed-logins\","
                                + "\"title\":\"Too many failed attempts\",\"status\":429,"
                                + "\"detail\":\"Too many failed authentications for this client or from this address;"
                                + " retry after " + seconds + " s.\"}");
            }
            return;
        }
        chain.doFilter(request, response);
        if (failed(path, response)) {
            throttle.failed(account, address);
        } else if (succeeded(path, response)) {
            throttle.succeeded(account);
        }
    }

    private static boolean failed(Path path, HttpServletResponse response) {
        if (path == Path.TOKEN) {
            return response.getStatus() == HttpStatus.UNAUTHORIZED.value();
        }
        String location = response.getHeader(HttpHeaders.LOCATION);
        return location != null && location.contains("/login?error");
    }

    private static boolean succeeded(Path path, HttpServletResponse response) {
        if (path == Path.TOKEN) {
            return response.getStatus() == HttpStatus.OK.value();
        }
        return response.getStatus() == HttpStatus.FOUND.value() && response.getHeader(HttpHeaders.LOCATION) != null;
    }

    /** The client id of HTTP Basic (URL-encoded, RFC 6749 2.3.1) or of the {@code client_id} parameter. */
    static String clientId(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return URLDecoder.decode(colon < 0 ? decoded : decoded.substring(0, colon), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return request.getParameter("client_id");
    }
}

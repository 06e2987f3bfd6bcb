package org.museumevents.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the web front's own pages and forms accept, checked before any of them runs: a query of at
 * most {@value #MAX_QUERY} characters, no control character in a query parameter (a search box or a token has none), none but tab and line breaks
 * in a form field, and a form body Tomcat could read (within
 * {@code server.tomcat.max-http-form-post-size}). Anything else is a 400 error page: such input
 * has no legitimate use here, and left through it reaches the services (PostgreSQL refuses NUL as
 * a 500) or a log. The proxied API ({@code /api/**}), the token endpoint and the actuator answer
 * for themselves.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PageInput extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PageInput.class);

    /**
     * No page's query comes near this (searches are cut at 200 characters, tokens are short); a
     * page repeats its query in its language links, and a page that outgrows the response buffer
     * before its form is committed before the form's CSRF token can be stored in the session.
     */
    static final int MAX_QUERY = 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/api/")
                || uri.startsWith("/oauth2/")
                || uri.startsWith("/actuator")
                || uri.startsWith("/v3/api-docs");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal;
        try {
            refusal = refusal(request);
        } catch (IllegalStateException unreadable) {
            // Tomcat could not parse the parameters (a form over max-http-form-post-size, too many
            // fields), and will fail the same way for the error page: a plain page, written here.
            log.info("Refused {} {}: unreadable parameters", request.getMethod(), request.getRequestURI());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setHeader("Connection", "close");
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>Bad request</title></head><body><main id=\"bad-request\">"
                            + "<p>This form is too large to be sent.</p>"
                            + "<p lang=\"fr\">Ce formulaire est trop volumineux pour être envoyé.</p>"
                            + "<p lang=\"es\">Este formulario es demasiado grande para enviarse.</p>"
                            + "<p><a href=\"/\">Museum Events</a></p></main></body></html>");
            return;
        }
        if (refusal != null) {
            // The reason only: the values may be a registrant's token or an attacker's payload.
            log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), refusal);
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        chain.doFilter(request, response);
    }

    private static String refusal(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && query.length() > MAX_QUERY) {
            return "a query of " + query.length() + " characters";
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                String decoded;
                try {
                    decoded = URLDecoder.decode(pair, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return "a malformed query";
                }
                if (hasControl(decoded, false)) {
                    return "a control character in the query";
                }
            }
        }
        Map<String, String[]> parameters = request.getParameterMap();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (hasControl(parameter.getKey(), false)) {
                return "a control character in a field name";
            }
            for (String value : parameter.getValue()) {
                if (hasControl(value, true)) {
                    return "a control character in field " + parameter.getKey().replaceAll("[^A-Za-z0-9_.-]", "?");
                }
            }
        }
        return null;
    }

    /** C0 and C1 controls and DEL; tab, CR and LF only where a textarea may send them. */
    static boolean hasControl(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r'))) {
                return true;
            }
        }
        return false;
    }
}

package org.museumevents.gateway.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Issue 18: sessions (Spring Session JDBC) and the authorization server's codes and tokens live in
 * the gateway's database. With it unreachable, what needs them (a login, a session's page, a token)
 * is answered 503 with {@code Retry-After}, a problem+json or a short page in three languages, not
 * a 500; anonymous pages, the API and the rate limits do not need it and go on.
 *
 * <p>Outside Spring Session's filter (which runs at {@code Integer.MIN_VALUE + 50}), so that it
 * also catches the failure to load or save a session.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class SharedStateUnavailable extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SharedStateUnavailable.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (DataAccessException | TransactionException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "Gateway database unreachable: {} {} answered 503 ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getMessage());
            log.debug("The failure", e);
            response.reset();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "10");
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
                response.setContentType(MediaType.TEXT_HTML_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter()
                        .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                + "<title>Temporarily unavailable</title></head><body><main id=\"unavailable\">"
                                + "<p>This page is temporarily unavailable. Please try again in a moment.</p>"
                                + "<p lang=\"fr\">Cette page est momentanément indisponible. Réessayez dans un instant.</p>"
                                + "<p lang=\"es\">Esta página no está disponible por el momento. Vuelva a intentarlo en un momento.</p>"
                                + "<p><a href=\"/\">Museum Events</a></p></main></body></html>");
                return;
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"type\":\"https://museum-events.org/problems/service-unavailable\","
                            + "\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"The gateway cannot reach its database; retry later.\"}");
        }
    }
}

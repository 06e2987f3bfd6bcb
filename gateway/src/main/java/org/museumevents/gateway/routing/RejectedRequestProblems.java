package org.museumevents.gateway.routing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses (a line break, an encoded slash or {@code ..} in the
 * path...) is answered on {@code /api/**} as a 400 problem (RFC 9457, {@code rejected-request}), as
 * every other refusal of the API is (docs/api.md, Errors) and as the services answer it; without
 * this, the firewall's bare 400 reached Spring Boot's error controller and its JSON, which no client
 * reads as {@code application/problem+json}. Other paths keep the 400 page. Picked up by Spring
 * Security's {@code WebSecurity} as the one {@link RequestRejectedHandler}.
 */
@Component
class RejectedRequestProblems implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        // The raw URI: the firewall refused it, so nothing decoded from it is trusted or echoed.
        String uri = request.getRequestURI();
        if (uri == null || !uri.startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"https://museum-events.org/problems/rejected-request\","
                        + "\"title\":\"Bad request\",\"status\":400,"
                        + "\"detail\":\"The request's path or query is not accepted.\"}");
    }
}

package org.museumevents.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body the services would refuse is refused at the door: a request to {@code /api/**} whose
 * {@code Content-Length} is over {@code gateway.max-api-body-size} (256KB, the services' own
 * {@code <prefix>.limits.max-body-size}) answers 413 problem+json here. Proxied, the service's
 * early 413 cut the gateway's upload short, which the gateway reported as the service being
 * unavailable (503).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ProxiedBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;

    ProxiedBodyLimit(@Value("${gateway.max-api-body-size:256KB}") DataSize maxBodySize) {
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"type\":\"https://museum-events.org/problems/body-too-large\","
                            + "\"title\":\"Request body too large\",\"status\":413,"
                            + "\"detail\":\"The request body may be at most " + maxBytes + " bytes.\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}

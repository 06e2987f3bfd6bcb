package org.museumevents.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * unavailable (503). Likewise a query whose percent escapes are malformed ({@code %ZZ}) or decode
 * to bytes that are not UTF-8 ({@code %C0%AF}, Latin-1 {@code %E9}) answers 400 problem+json
 * {@code invalid-characters}, as the services do on their own port (RFC 3986 §2.1, §2.5): proxied,
 * it could not be forwarded and was reported as an outage.
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
        String query = request.getQueryString();
        if (query != null && !wellFormed(query)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter()
                    .write("{\"type\":\"https://museum-events.org/problems/invalid-characters\","
                            + "\"title\":\"Invalid characters\",\"status\":400,"
                            + "\"detail\":\"The query has a malformed percent escape or is not UTF-8.\"}");
            return;
        }
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

    /**
     * @param query the raw query string, as sent
     * @return whether every {@code %} starts an escape of two hexadecimal digits and the decoded
     *     octets are UTF-8
     */
    static boolean wellFormed(String query) {
        ByteArrayOutputStream octets = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()
                        || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                octets.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else {
                octets.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

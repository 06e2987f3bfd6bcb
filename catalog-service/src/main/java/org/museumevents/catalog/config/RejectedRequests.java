package org.museumevents.catalog.config;

import org.museumevents.starter.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (an encoded slash, a line break or {@code ..} in
 * the path, a semicolon...) is a 400 problem like every other refusal: the firewall's own answer
 * is a bare error status, which no client can read as {@code application/problem+json}.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    static final String BODY = "{\"type\":\"" + Problems.type("rejected-request")
            + "\",\"title\":\"Bad request\",\"status\":400,"
            + "\"detail\":\"The request's path or query is not accepted.\"}";

    /** Picked up by Spring Security's {@code WebSecurity} for its firewall's refusals. */
    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(BODY);
        };
    }
}

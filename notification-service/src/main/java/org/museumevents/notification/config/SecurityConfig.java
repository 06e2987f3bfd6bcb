package org.museumevents.notification.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only organisers (JWT with scope {@code organiser} and an {@code org} claim) read the delivery
 * log; which event's log they may read is checked against the event's organisation.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .hasAuthority("SCOPE_organiser")
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint((request, response, ex) -> problem(
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "Unauthorized",
                                "A valid organiser token is required."))
                        .accessDeniedHandler((request, response, ex) -> problem(
                                response,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Forbidden",
                                "The token does not allow this request.")))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthorized",
                                "Unauthorized",
                                "A valid organiser token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(
                                response,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Forbidden",
                                "The token does not allow this request.")));
        http.addFilterBefore(new TokenVerificationUnavailable(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * The decoder Spring Boot builds from {@code jwk-set-uri} or {@code issuer-uri} fetches the
     * issuer's keys with these bounded waits (a {@code public-key-location} fetches nothing). A
     * fetch that times out is answered 503 by {@link TokenVerificationUnavailable}.
     */
    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer jwkSetTimeouts(TokenVerificationProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.jwkTimeout().connect());
        requests.setReadTimeout(properties.jwkTimeout().read());
        RestTemplate keys = new RestTemplate(requests);
        return builder -> builder.restOperations(keys);
    }

    /**
     * When organiser tokens cannot be verified at all (the issuer's JWK set unreachable or silent), Spring
     * Security rethrows the failure out of the filter chain as a bare 500; it is an outage of a
     * dependency, like the database's: a quick 503 problem+json that heals when the issuer is back.
     */
    private static final class TokenVerificationUnavailable extends OncePerRequestFilter {

        private static final Logger log = LoggerFactory.getLogger(TokenVerificationUnavailable.class);

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } catch (AuthenticationServiceException e) {
                log.warn("Organiser token could not be verified: {}", e.getMessage());
                if (!response.isCommitted()) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                    problem(
                            response,
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "service-unavailable",
                            "Service unavailable",
                            "Organiser tokens cannot be verified right now; try again shortly.");
                }
            }
        }
    }

    private static void problem(
            HttpServletResponse response, HttpStatus status, String reason, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter()
                .write("{\"type\":\"" + Problems.type(reason) + "\",\"title\":\"" + title + "\",\"status\":"
                        + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}

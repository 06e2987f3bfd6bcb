package org.museumevents.starter.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.starter.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A stateless resource server: the public paths of {@code <prefix>.security.public-paths}, health,
 * Prometheus and the OpenAPI description to anyone; every other {@code /api/**} request to an
 * organiser's JWT (authority {@value Organisers#AUTHORITY}), except the paths of {@code
 * <prefix>.security.check-in-paths}, which door staff (authority {@value
 * Organisers#DOOR_AUTHORITY}, claim {@code role: door}) may call too; everything else denied. 401, 403 and
 * an unreachable token issuer (503) are answered as problem details. Which organisation's data an
 * organiser may see is each service's own check ({@link Organisers}).
 *
 * <p>A service replaces the chain by declaring its own {@link SecurityFilterChain}.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, BearerTokenAuthenticationFilter.class})
public class OrganiserSecurityAutoConfiguration {

    private static final String UNAUTHORIZED = "A valid organiser token is required.";
    private static final String FORBIDDEN = "The token does not allow this request.";

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain organiserSecurityFilterChain(
            HttpSecurity http, Environment environment, JwtAuthenticationConverter roles) throws Exception {
        ServiceSettings.Security settings = ServiceSettings.of(environment).security();
        List<String> publicPaths = settings.publicPaths();
        List<String> checkInPaths = settings.checkInPaths();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(
                                    "/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
                            .permitAll()
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/error")
                            .permitAll();
                    publicPaths.forEach(path -> matcher(auth, path).permitAll());
                    checkInPaths.forEach(path ->
                            matcher(auth, path).hasAnyAuthority(Organisers.AUTHORITY, Organisers.DOOR_AUTHORITY));
                    auth.requestMatchers("/api/**")
                            .hasAuthority(Organisers.AUTHORITY)
                            .anyRequest()
                            .denyAll();
                })
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint((request, response, ex) -> problem(
                                response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", UNAUTHORIZED))
                        .accessDeniedHandler((request, response, ex) ->
                                problem(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", FORBIDDEN)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> problem(
                                response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", UNAUTHORIZED))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", FORBIDDEN)));
        http.addFilterBefore(new TokenVerificationUnavailable(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * The decoder Spring Boot builds from {@code jwk-set-uri} or {@code issuer-uri} fetches the
     * issuer's keys with the bounded waits of {@code <prefix>.security.jwk-timeout} (a {@code
     * public-key-location} fetches nothing). A fetch that times out is answered 503.
     */
    @Bean
    @ConditionalOnMissingBean(JwkSetUriJwtDecoderBuilderCustomizer.class)
    JwkSetUriJwtDecoderBuilderCustomizer jwkSetTimeouts(Environment environment) {
        ServiceSettings.Security.JwkTimeout timeout =
                ServiceSettings.of(environment).security().jwkTimeout();
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout.connect());
        requests.setReadTimeout(timeout.read());
        RestTemplate keys = new RestTemplate(requests);
        return builder -> builder.restOperations(keys);
    }

    /**
     * A request Spring Security's firewall refuses (an encoded slash, a line break or {@code ..} in
     * the path, a semicolon...) is a 400 problem like every other refusal: the firewall's own answer
     * is a bare error status that no client reads as {@code application/problem+json}. Picked up by
     * Spring Security's {@code WebSecurity}.
     */
    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> problem(
                response,
                HttpStatus.BAD_REQUEST,
                "rejected-request",
                "Bad request",
                "The request's path or query is not accepted.");
    }

    /**
     * The token's authorities: {@code SCOPE_<scope>} for each scope, as Spring Security derives
     * them, adjusted by the claim {@code role} (docs/api.md, "Who may do what"; issue 16): absent or
     * {@code organiser} keeps them; {@code door} drops {@value Organisers#AUTHORITY} and grants
     * {@value Organisers#DOOR_AUTHORITY} (check-in only); any other value drops {@value
     * Organisers#AUTHORITY}, so such a token has no organiser rights at all.
     */
    @Bean
    @ConditionalOnMissingBean(JwtAuthenticationConverter.class)
    JwtAuthenticationConverter organiserRoles() {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> granted = scopes.convert(jwt);
            Object role = jwt.getClaims().get(Organisers.ROLE_CLAIM);
            if (role == null || Organisers.ROLE_ORGANISER.equals(role)) {
                return granted;
            }
            List<GrantedAuthority> adjusted = new ArrayList<>();
            granted.stream()
                    .filter(a -> !Organisers.AUTHORITY.equals(a.getAuthority()))
                    .forEach(adjusted::add);
            if (Organisers.ROLE_DOOR.equals(role)) {
                adjusted.add(new SimpleGrantedAuthority(Organisers.DOOR_AUTHORITY));
            }
            return adjusted;
        });
        return converter;
    }

    /** {@code "GET /api/events/**"} or {@code "/api/events/**"} (any method). */
    private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl matcher(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
            String path) {
        String[] parts = path.trim().split("\\s+", 2);
        return parts.length == 2
                ? auth.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1])
                : auth.requestMatchers(parts[0]);
    }

    /**
     * When organiser tokens cannot be verified at all (the issuer's JWK set unreachable or silent),
     * Spring Security rethrows the failure out of the filter chain as a bare 500; it is an outage of
     * a dependency, like the database's: a quick 503 problem+json that heals when the issuer is back.
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

    /** Writes a problem whose texts are this class's constants (nothing from the request is echoed). */
    private static void problem(
            HttpServletResponse response, HttpStatus status, String reason, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.getWriter()
                .write("{\"type\":\"" + Problems.type(reason) + "\",\"title\":\"" + title + "\",\"status\":"
                        + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}

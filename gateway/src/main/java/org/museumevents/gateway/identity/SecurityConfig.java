package org.museumevents.gateway.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Two chains: the authorization server's endpoints ({@code /oauth2/**}), and the rest of the site,
 * where organisers log in with a form. {@code /api/**} passes through untouched: the services
 * verify the bearer tokens themselves, and no cookie ever authorises an API call.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, LoginThrottle throttle) throws Exception {
        // Before the client authentication filter, which the authorization server adds after this one.
        http.addFilterBefore(new LoginProtection(throttle), AbstractPreAuthenticatedProcessingFilter.class);
        http.oauth2AuthorizationServer(server -> http.securityMatcher(server.getEndpointsMatcher()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * The site: the public pages (events, registering, managing a registration with its token)
     * for anyone; the organiser pages after a form login; CSRF on every form.
     */
    @Bean
    @Order(2)
    SecurityFilterChain site(HttpSecurity http, LoginThrottle throttle) throws Exception {
        // After the CSRF check, so the login page it shows a blocked visitor carries a valid token.
        http.addFilterBefore(new LoginProtection(throttle), UsernamePasswordAuthenticationFilter.class);
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/**")
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        // The blocked page is the login form with a notice; asked for directly, it sends to /login.
                        .requestMatchers("/login", LoginProtection.BLOCKED_PAGE, "/error")
                        .permitAll()
                        // Swagger UI and the services' OpenAPI descriptions: public, like the API they describe.
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers(
                                "/", "/events/**", "/registrations/**", "/privacy", "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/organiser", "/organiser/**")
                        .hasRole("ORGANISER")
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/organiser"))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                // Manage links carry the registrant's token: never send it to another site as a Referer.
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}

package org.museumevents.gateway.identity;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three chains: the actuator ({@code /actuator/**}: health public, metrics for Prometheus only),
 * the authorization server's endpoints ({@code /oauth2/**}), and the rest of the site, where
 * organisers log in with a form. {@code /api/**} passes through untouched: the services
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
     * The actuator: health (for the local platform's and compose's checks) and info for anyone;
     * metrics only for the Prometheus scrape account of {@link MetricsProperties}, with HTTP Basic,
     * since they show traffic, clients and errors; every other endpoint for nobody.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http, MetricsProperties metrics, PasswordEncoder passwords)
            throws Exception {
        List<UserDetails> scrapers = metrics.username() == null || metrics.password() == null
                ? List.of()
                : List.of(User.withUsername(metrics.username())
                        .password(metrics.password())
                        .roles("METRICS")
                        .build());
        DaoAuthenticationProvider scraper = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(scrapers));
        scraper.setPasswordEncoder(passwords);
        http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasRole("METRICS")
                        .anyRequest()
                        .denyAll())
                .authenticationManager(new ProviderManager(scraper))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The site: the public pages (events, registering, managing a registration with its token)
     * for anyone; the organiser pages after a form login (door staff: the check-in pages only);
     * CSRF on every form; the vendored scripts ({@code /vendor/**}) for anyone.
     */
    @Bean
    @Order(2)
    SecurityFilterChain site(HttpSecurity http, LoginThrottle throttle) throws Exception {
        // After the CSRF check, so the login page it shows a blocked visitor carries a valid token.
        http.addFilterBefore(new LoginProtection(throttle), UsernamePasswordAuthenticationFilter.class);
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/**")
                        .permitAll()
                        // The blocked page is the login form with a notice; asked for directly, it sends to /login.
                        .requestMatchers("/login", LoginProtection.BLOCKED_PAGE, "/error")
                        .permitAll()
                        // Swagger UI and the services' OpenAPI descriptions: public, like the API they describe.
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers(
                                "/",
                                "/events/**",
                                "/registrations/**",
                                // Issue 17: a series' public page and a subscriber's own page (with its token).
                                "/series/**",
                                "/subscriptions/**",
                                "/privacy",
                                "/css/**",
                                "/js/**",
                                "/vendor/**",
                                "/favicon.ico")
                        .permitAll()
                        // Door staff (issue 16): the check-in pages only, and the dashboard, which sends them there.
                        .requestMatchers(
                                "/organiser",
                                "/organiser/check-in",
                                "/organiser/events/*/check-in",
                                "/organiser/events/*/check-in/**")
                        .hasAnyRole("ORGANISER", "DOOR")
                        .requestMatchers("/organiser/**")
                        .hasRole("ORGANISER")
                        .anyRequest()
                        .authenticated())
                // The participants' forms keep their CSRF token in a cookie, the rest in the session.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**").csrfTokenRepository(new PublicFormCsrfTokens()))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/organiser"))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                // Manage links carry the registrant's token: never send it to another site as a Referer.
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}

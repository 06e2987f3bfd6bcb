package org.museumevents.registration.attendees;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.starter.input.RequestLimitsFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The starter's request limits, with one exception: an attendance report (issue 16) may be up to
 * {@link AttendanceController#MAX_BYTES} (2 MB, docs/api.md), since a big webinar's Zoom export passes
 * the service's usual body limit; every other request keeps that limit. Replaces the starter's
 * {@code requestLimitsFilter} (it backs off for a bean of that name) at the same place in the chain.
 */
@Configuration(proxyBeanMethods = false)
class AttendanceUploadLimit {

    private static final Pattern IMPORT = Pattern.compile("/api/events/[^/]+/attendance/?");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestLimitsFilter(ServiceSettings settings) {
        RequestLimitsFilter usual =
                new RequestLimitsFilter(settings.limits().maxBodySize().toBytes());
        RequestLimitsFilter reports = new RequestLimitsFilter(AttendanceController.MAX_BYTES);
        OncePerRequestFilter byPath = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                boolean report = "POST".equals(request.getMethod())
                        && IMPORT.matcher(request.getRequestURI()).matches();
                (report ? reports : usual).doFilter(request, response, chain);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(byPath);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}

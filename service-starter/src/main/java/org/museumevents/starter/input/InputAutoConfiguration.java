package org.museumevents.starter.input;

import org.museumevents.starter.ServiceAutoConfiguration;
import org.museumevents.starter.ServiceSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;

/**
 * Bounded request bodies, and no control characters in queries, paths or JSON strings (see {@link
 * TextRules}). The JSON size bounds are set JVM-wide by {@link JsonLimits} before any mapper exists.
 */
@AutoConfiguration(after = ServiceAutoConfiguration.class)
public class InputAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "cleanStringsModule")
    JacksonModule cleanStringsModule() {
        return CleanStrings.module();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnMissingBean(name = "requestLimitsFilter")
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(ServiceSettings settings) {
        FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
                new RequestLimitsFilter(settings.limits().maxBodySize().toBytes()));
        // Before security and every other filter: nothing reads a body or a query before these checks.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}

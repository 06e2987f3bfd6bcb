package org.museumevents.starter.input;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.museumevents.starter.ServiceAutoConfiguration;
import org.museumevents.starter.ServiceSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;

/**
 * Bounded request bodies, no control characters or noncharacters in queries, paths or JSON strings,
 * and {@code @NotBlank} meaning "shows something" (see {@link TextRules}). The JSON size bounds are set JVM-wide by {@link JsonLimits} before any mapper exists.
 */
@AutoConfiguration(after = ServiceAutoConfiguration.class)
public class InputAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "cleanStringsModule")
    JacksonModule cleanStringsModule() {
        return CleanStrings.module();
    }

    /** {@code @NotBlank} judged by {@link VisibleText} instead of Bean Validation's trim. */
    @Bean
    @ConditionalOnClass(HibernateValidatorConfiguration.class)
    @ConditionalOnMissingBean(name = "visibleTextValidation")
    ValidationConfigurationCustomizer visibleTextValidation() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                mapping.constraintDefinition(NotBlank.class)
                        .includeExistingValidators(false)
                        .validatedBy(VisibleText.class);
                hibernate.addMapping(mapping);
            }
        };
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

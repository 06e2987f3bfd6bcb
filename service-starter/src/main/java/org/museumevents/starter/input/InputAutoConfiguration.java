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
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

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

    /**
     * A boolean field takes {@code true} or {@code false} only: Jackson's default coercions would read
     * {@code "true"}, {@code "false"}, {@code 1} and {@code 0} as booleans, so a client's mistake (a
     * form value passed on as text) would be stored as a choice it did not make. They fail instead,
     * and the problem handler answers 400 naming the field.
     */
    @Bean
    @ConditionalOnMissingBean(name = "strictBooleans")
    JsonMapperBuilderCustomizer strictBooleans() {
        return builder -> builder.withCoercionConfig(
                LogicalType.Boolean, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
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

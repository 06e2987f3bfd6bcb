package org.museumevents.registration.registration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.museumevents.starter.input.EmailAddresses;

/**
 * Bean Validation: an email address an invitation can be delivered to ({@link EmailAddresses}).
 * Null is valid (combine with {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = DeliverableEmail.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface DeliverableEmail {

    String message() default
            "must be an email address such as name@example.org, in Latin letters and digits before the @";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The validator behind {@link DeliverableEmail}. */
    class Validator implements ConstraintValidator<DeliverableEmail, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || EmailAddresses.deliverable(value).isPresent();
        }
    }
}

package org.museumevents.catalog.time;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Bean Validation: a date or time within {@link PlausibleDates}, the years any event of the
 * catalog can be in. Dates far outside (year 0, 1900, 250000) would otherwise reach the database or
 * overflow the time arithmetic. For {@link LocalDate}, {@link LocalDateTime} and {@link Instant};
 * null is valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(
        validatedBy = {PlausibleDate.ForDate.class, PlausibleDate.ForDateTime.class, PlausibleDate.ForInstant.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

    /** What a date outside the range is told. */
    String message() default "must be between " + PlausibleDates.EARLIEST + " and " + PlausibleDates.LATEST;

    /** Bean Validation groups. */
    Class<?>[] groups() default {};

    /** Bean Validation payload. */
    Class<? extends Payload>[] payload() default {};

    /** The validator for dates. */
    class ForDate implements ConstraintValidator<PlausibleDate, LocalDate> {

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || PlausibleDates.contains(value);
        }
    }

    /** The validator for local dates and times. */
    class ForDateTime implements ConstraintValidator<PlausibleDate, LocalDateTime> {

        @Override
        public boolean isValid(LocalDateTime value, ConstraintValidatorContext context) {
            return value == null || PlausibleDates.contains(value.toLocalDate());
        }
    }

    /** The validator for instants, read in UTC. */
    class ForInstant implements ConstraintValidator<PlausibleDate, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || PlausibleDates.contains(value);
        }
    }
}

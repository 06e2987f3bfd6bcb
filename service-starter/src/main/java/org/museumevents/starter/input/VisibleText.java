package org.museumevents.starter.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

/**
 * What {@link NotBlank} means in every service: a text that shows something ({@link
 * TextRules#isBlank}), so a name or a tag of zero-width spaces is as blank as one of spaces. Bean
 * Validation's own validator trims only characters up to U+0020. Installed in place of it by {@link
 * InputAutoConfiguration}; null is invalid, as with the standard one.
 */
public class VisibleText implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return !TextRules.isBlank(value);
    }
}

package org.museumevents.starter.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON string a service reads, in any field, list or map value, is refused with a 400 naming
 * its field when it carries a character of {@link TextRules} (JSON escapes such as {@code \u0000}
 * get past the parser; the parser itself refuses raw control characters, RFC 8259 §7).
 */
public final class CleanStrings extends StringDeserializer {

    private CleanStrings() {}

    /** The Jackson module that installs it; registered as a bean, Spring Boot adds it to the mapper. */
    public static SimpleModule module() {
        return new SimpleModule("clean-strings").addDeserializer(String.class, new CleanStrings());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        int forbidden = TextRules.firstForbidden(value, false);
        if (forbidden >= 0) {
            throw InvalidFormatException.from(
                    parser,
                    "contains a control or invalid character (" + TextRules.describe(value, forbidden) + ")",
                    null,
                    String.class);
        }
        return value;
    }
}

package org.museumevents.gateway.web;

/**
 * The services' text rules (docs/api.md "Texts", service-starter's {@code TextRules}), checked by
 * the forms before they call a service, so a visitor is told in the page's words: no control
 * character (line feed, carriage return and tab allowed in a multi-line text), no unpaired surrogate
 * and none of Unicode's 66 noncharacters; one-line texts without line breaks, tabs, U+2028 or
 * U+2029. Blank is nothing visible: whitespace, space separators and format characters (U+200B...).
 */
public final class TextChecks {

    private TextChecks() {}

    /**
     * Whether {@code text} carries a character the services refuse.
     *
     * @param singleLine whether line breaks and tabs are refused too
     */
    public static boolean hasForbidden(String text, boolean singleLine) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                if (isNoncharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || isNoncharacter(c)) {
                return true;
            } else if (Character.isISOControl(c)) {
                if (singleLine || (c != '\n' && c != '\r' && c != '\t')) {
                    return true;
                }
            } else if (singleLine && (c == '\u2028' || c == '\u2029')) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} is null or shows nothing (whitespace and format characters only). */
    public static boolean isBlank(String text) {
        return text == null
                || text.codePoints()
                        .allMatch(c -> Character.isWhitespace(c)
                                || Character.isSpaceChar(c)
                                || Character.getType(c) == Character.FORMAT);
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}

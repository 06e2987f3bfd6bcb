package org.museumevents.starter.input;

/**
 * The characters no text input may carry, in a query, a path or a JSON body: the C0 controls
 * except tab, line feed and carriage return (U+0000 is refused by PostgreSQL in text, error 22021),
 * DEL and the C1 controls (U+007F to U+009F), lone UTF-16 surrogates (not encodable as UTF-8, RFC
 * 3629) and the noncharacters U+FFFE and U+FFFF. Single-line text (names, organisations, subjects:
 * what ends up in an email's headers or first lines) also refuses tab, line feed, carriage return
 * and the Unicode line and paragraph separators (U+2028, U+2029).
 */
public final class TextRules {

    private TextRules() {}

    /**
     * The index of the first character {@code text} may not carry, or -1 when it has none (or is null).
     *
     * @param singleLine whether line breaks and tabs are refused too
     */
    public static int firstForbidden(CharSequence text, boolean singleLine) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (singleLine || (c != '\t' && c != '\n' && c != '\r')) {
                    return i;
                }
            } else if ((c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF) {
                return i;
            } else if (singleLine && (c == '\u2028' || c == '\u2029')) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text} carries no forbidden character (multi-line text allowed). */
    public static boolean isClean(CharSequence text) {
        return firstForbidden(text, false) < 0;
    }

    /** The character at {@code index} as {@code U+0000}, for an error message that must not echo it. */
    static String describe(CharSequence text, int index) {
        return String.format("U+%04X", (int) text.charAt(index));
    }
}

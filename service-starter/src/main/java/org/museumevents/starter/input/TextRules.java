package org.museumevents.starter.input;

/**
 * The one set of text rules every service applies to what it accepts (docs/api.md "Texts").
 *
 * <p>No text input may carry, in a query, a path or a JSON body: the C0 controls except tab, line
 * feed and carriage return (U+0000 is refused by PostgreSQL in text, error 22021), DEL and the C1
 * controls (U+007F to U+009F), lone UTF-16 surrogates (not encodable as UTF-8, RFC 3629) and the 66
 * noncharacters (U+FDD0 to U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF,
 * U+1FFFE... U+10FFFF: Unicode §23.7, "not for open interchange").
 *
 * <p>Multi-line text (descriptions, a message's body, a {@code LONG_TEXT} answer) may carry line
 * feeds, carriage returns and tabs. Single-line text (titles, labels, names, organisations,
 * subjects, a {@code TEXT} answer: what ends up in an email's headers or first lines) also refuses
 * tab, line feed, carriage return and the Unicode line and paragraph separators (U+2028, U+2029).
 *
 * <p>A text is blank when nothing of it would be seen: only whitespace, space separators (such as
 * U+00A0) and format characters (Unicode category Cf, such as U+200B, U+200C, U+200D, U+2060,
 * U+FEFF). Where a text is required, a blank one is none.
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
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                if (isNoncharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            } else if (c < 0x20) {
                if (singleLine || (c != '\t' && c != '\n' && c != '\r')) {
                    return i;
                }
            } else if ((c >= 0x7F && c <= 0x9F) || isNoncharacter(c)) {
                return i;
            } else if (singleLine && (c == '\u2028' || c == '\u2029')) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text} carries no forbidden character (multi-line text allowed). */
    public static boolean isClean(CharSequence text) {
        return firstForbidden(text, false) < 0;
    }

    /**
     * Whether {@code text} shows nothing: null, empty, or only whitespace, space separators and
     * format characters (U+200B, U+2060, U+FEFF...). {@link String#isBlank()} counts only
     * whitespace, so a label of zero-width spaces would pass it.
     */
    public static boolean isBlank(CharSequence text) {
        return text == null || text.codePoints().allMatch(TextRules::isInvisible);
    }

    /** Whether {@code codePoint} is one of Unicode's 66 noncharacters. */
    public static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF)
                || ((codePoint & 0xFFFE) == 0xFFFE && codePoint <= Character.MAX_CODE_POINT);
    }

    private static boolean isInvisible(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }

    /** The character at {@code index} as {@code U+0000}, for an error message that must not echo it. */
    static String describe(CharSequence text, int index) {
        return String.format("U+%04X", Character.codePointAt(text, index));
    }
}

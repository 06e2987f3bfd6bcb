package org.museumevents.starter.calendar;

/**
 * RFC 5545 §3.1 line folding: every content line of an iCalendar stream is at most {@value
 * #MAX_OCTETS} octets of UTF-8, excluding its CRLF; a longer one continues on the next line after
 * CRLF and one space, and is never split inside a character (a UTF-8 sequence, so never between
 * the two halves of a surrogate pair either).
 *
 * <p>Why not ical4j's own {@code CalendarOutputter}: its {@code FoldingWriter} (ical4j 4.1.1) counts
 * UTF-16 chars, not octets, so a line of accented, CJK or emoji text folded at 75 chars is up to
 * 225 octets long, and an emoji at the fold is cut in half (ical4j issue 800); it also writes an
 * empty continuation when a line is exactly the limit (issue 832). {@code Calendar.toString()}
 * does not fold at all. catalog-service ({@code calendar.ics}) and notification-service (the
 * emails' {@code invite.ics}) write ical4j's unfolded text and fold it here.
 */
public final class ContentLines {

    /** The longest line, in octets, without its CRLF (RFC 5545 §3.1). */
    public static final int MAX_OCTETS = 75;

    private static final String CRLF = "\r\n";

    private ContentLines() {}

    /**
     * {@code unfolded}, content lines separated (and ended) by CRLF, each folded to at most {@value
     * #MAX_OCTETS} octets. Unfolding the result (removing every CRLF followed by one space) gives
     * back {@code unfolded} exactly, with a final CRLF.
     *
     * @throws IllegalArgumentException if a line holds a bare CR or LF, which no content line may
     *     hold (a TEXT value writes a line break as {@code \n})
     */
    public static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 25 + 2);
        String body = unfolded.endsWith(CRLF) ? unfolded.substring(0, unfolded.length() - CRLF.length()) : unfolded;
        for (String line : body.split(CRLF, -1)) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("A content line holds a bare line break");
            }
            foldLine(line, folded);
            folded.append(CRLF);
        }
        return folded.toString();
    }

    private static void foldLine(String line, StringBuilder out) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int length = utf8Length(codePoint);
            if (octets + length > MAX_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += length;
            i += Character.charCount(codePoint);
        }
    }

    /** Octets of one code point in UTF-8; a lone surrogate is written by Java as "?" (one octet). */
    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
            return 1;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * A TEXT value with its line breaks as LF, which ical4j escapes as {@code \n} (RFC 5545
     * §3.3.11): a description may break lines with CR LF or a bare CR (and a title or venue stored
     * before they were single-line might), and ical4j writes a bare CR raw, which would end the
     * content line in the middle of the text.
     *
     * @param value a text of any origin; may not be null
     * @return the same text with CR LF and bare CR as LF
     */
    public static String text(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n');
    }
}

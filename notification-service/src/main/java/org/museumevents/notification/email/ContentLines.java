package org.museumevents.notification.email;

/**
 * Folds iCalendar content lines as RFC 5545 §3.1 requires: no line longer than 75 octets (of
 * UTF-8, CRLF excluded), a longer one continued on the next line after CRLF and one space, and
 * never a fold inside a character's UTF-8 sequence.
 *
 * <p>ical4j 4.1.1 does not: {@code Calendar.toString()} does not fold at all, and its {@code
 * FoldingWriter} (what {@code CalendarOutputter} writes through) counts UTF-16 chars, so a line of
 * accented or CJK text reaches two or three times 75 octets and an emoji can be cut in half
 * (ical4j issue 800, fixed after 4.1.1 for surrogates only). A line of exactly 75 octets stays
 * whole: an empty continuation line, as ical4j writes one (issue 832), is refused by some servers.
 */
final class ContentLines {

    /** RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
    static final int MAX_OCTETS = 75;

    private static final String CRLF = "\r\n";

    private ContentLines() {}

    /**
     * @param unfolded iCalendar text whose content lines end with CRLF (or LF), none folded yet, as
     *     ical4j's {@code Calendar.toString()} writes it
     * @return the same content lines, each ending with CRLF and folded so that every physical line
     *     has at most {@link #MAX_OCTETS} octets in UTF-8; unfolding it (removing every CRLF
     *     followed by one space) gives back the lines of {@code unfolded}
     */
    static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 32);
        for (String line : unfolded.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int width = utf8Octets(codePoint);
                if (octets + width > MAX_OCTETS) {
                    folded.append(CRLF).append(' ');
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += width;
                i += Character.charCount(codePoint);
            }
            folded.append(CRLF);
        }
        return folded.toString();
    }

    /** The octets of one code point in UTF-8; a lone surrogate (written as one '?') counted as 3. */
    static int utf8Octets(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}

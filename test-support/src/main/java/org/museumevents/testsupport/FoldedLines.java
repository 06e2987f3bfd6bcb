package org.museumevents.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 5545 §3.1 on the octets of an iCalendar text as sent: CRLF line breaks, no line over 75
 * octets, every physical line whole UTF-8 (no fold inside a character), and unfolding (removing
 * each CRLF followed by one space) gives the content lines back.
 */
public final class FoldedLines {

    private FoldedLines() {}

    /** Asserts the rule on {@code ics} encoded in UTF-8, as the attachment's bytes are; returns its physical lines. */
    public static List<String> assertFolded(String ics) {
        byte[] octets = ics.getBytes(StandardCharsets.UTF_8);
        assertThat(ics).as("ends with CRLF").endsWith("\r\n");
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == '\n') {
                assertThat(i).as("LF preceded by CR").isPositive();
                assertThat(octets[i - 1])
                        .as("a bare LF at octet " + i + " of\n" + ics)
                        .isEqualTo((byte) '\r');
                byte[] line = Arrays.copyOfRange(octets, start, i - 1);
                assertThat(line.length)
                        .as("octets of line «%s»", new String(line, StandardCharsets.UTF_8))
                        .isLessThanOrEqualTo(75);
                assertThat(line).as("a bare CR inside a line").doesNotContain((byte) '\r');
                lines.add(wholeUtf8(line));
                start = i + 1;
            }
        }
        return lines;
    }

    /** The content lines: each physical line that starts with a space continues the one before. */
    public static List<String> unfold(List<String> physical) {
        List<String> logical = new ArrayList<>();
        for (String line : physical) {
            if (line.startsWith(" ") && !logical.isEmpty()) {
                logical.set(logical.size() - 1, logical.get(logical.size() - 1) + line.substring(1));
            } else {
                logical.add(line);
            }
        }
        return logical;
    }

    private static String wholeUtf8(byte[] line) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(
                    "a line folded inside a character: " + new String(line, StandardCharsets.UTF_8), e);
        }
    }
}

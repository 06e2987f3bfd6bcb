package org.museumevents.starter.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.FoldedLines;

/** RFC 5545 §3.1 folding by octets (issue 12, kind 2), on the folding alone. */
class ContentLinesTest {

    @Test
    void aLineOf75OctetsStaysWholeAndTheNextCharacterStartsAContinuation() {
        String exact = "X".repeat(75);
        assertThat(ContentLines.fold(exact + "\r\n")).isEqualTo(exact + "\r\n");
        assertThat(ContentLines.fold(exact + "é\r\n")).isEqualTo(exact + "\r\n é\r\n");
    }

    @Test
    void aMultibyteCharacterIsNeverSplitAcrossTheFold() {
        // 74 octets, then a 4-octet emoji that would straddle octet 75.
        String line = "SUMMARY:" + "a".repeat(66) + "🎨" + "b";
        String folded = ContentLines.fold(line + "\r\n");
        assertThat(folded).isEqualTo("SUMMARY:" + "a".repeat(66) + "\r\n 🎨b\r\n");
        FoldedLines.assertFolded(folded);
    }

    @Property(tries = 500)
    void anyTextFoldsToLinesOfAtMost75OctetsThatUnfoldToIt(@ForAll("contentLines") List<String> lines) {
        String unfolded = String.join("\r\n", lines) + "\r\n";

        List<String> physical = FoldedLines.assertFolded(ContentLines.fold(unfolded));

        assertThat(FoldedLines.unfold(physical)).containsExactlyElementsOf(lines);
    }

    @Provide
    Arbitrary<List<String>> contentLines() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withChars(' ', ';', ':', ',')
                        .ofMaxLength(30),
                Arbitraries.strings().withChars("éèçàœÉ«» ñ¿¡ü").ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u4e00', '\u4fff').ofMaxLength(30),
                Arbitraries.of("🎨", "🖼️", "👩🏽‍🎨", "𝄞", "e\u0301", "ﷺ", "Ǆ"));
        return piece.list()
                .ofMaxSize(20)
                .map(pieces -> "DESCRIPTION:" + String.join("", pieces))
                .list()
                .ofMinSize(1)
                .ofMaxSize(5);
    }
}

package org.museumevents.starter.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

class TextRulesTest {

    private final JsonMapper json =
            JsonMapper.builder().addModule(CleanStrings.module()).build();

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0007", "x\u001b[31m", "\u007f", "\u0085", "\ud800", "x\udc00", "\uffff"})
    void refusesControlAndInvalidCharactersEverywhere(String text) {
        assertThat(TextRules.isClean(text)).isFalse();
        assertThat(TextRules.firstForbidden(text, true)).isNotNegative();
    }

    /** Unicode's 66 noncharacters, in every plane, and unpaired surrogates, in single- and multi-line text. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\ufffeb",
                "\uffff",
                "x\ufdd0",
                "\ufdef",
                "\ud83f\udffe",
                "\ud83f\udfff",
                "\udbff\udfff",
                "\ud800x",
                "end\ud800",
                "x\udc00y"
            })
    void refusesNoncharactersAndUnpairedSurrogates(String text) {
        assertThat(TextRules.firstForbidden(text, false)).isNotNegative();
        assertThat(TextRules.firstForbidden(text, true)).isNotNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ufdcf", "\ufdf0", "\ufffd", "\ud83c\udfdb", "\ud83f\udffd"})
    void acceptsTheCharactersNextToTheNoncharacters(String text) {
        assertThat(TextRules.firstForbidden(text, true)).isNegative();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "\u200b", "\u200c\u200d", "\u2060", "\ufeff", " \u00a0\u202f\t\n", "\u200b \u200b"})
    void aTextOfWhitespaceAndFormatCharactersIsBlank(String text) {
        assertThat(TextRules.isBlank(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u200bx", ".", "\ud83c\udfdb", "\u0301"})
    void aTextWithSomethingVisibleIsNotBlank(String text) {
        assertThat(TextRules.isBlank(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nullIsBlank() {
        assertThat(TextRules.isBlank(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Musée d'Orsay", "Line one\nline two\r\n\tindented", "\ud83c\udfdb\ufe0f", "עברית", ""})
    void acceptsOrdinaryTextOfAnyScript(String text) {
        assertThat(TextRules.isClean(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane\nBcc: all@example.org", "Jane\rDoe", "a\tb", "a\u2028b", "a\u2029b"})
    void singleLineTextRefusesLineBreaksAndTabs(String text) {
        assertThat(TextRules.isClean(text)).isTrue();
        assertThat(TextRules.firstForbidden(text, true)).isNotNegative();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"a\\u0000b\"}",
                "{\"tags\":[\"ok\",\"\\u001b\"]}",
                "{\"title\":{\"fr\":\"\\ud800\"}}",
            })
    void jsonStringsWithAForbiddenEscapeAreRefusedNamingTheField(String body) {
        assertThatThrownBy(() -> json.readValue(body, Body.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("control or invalid character")
                .satisfies(e -> assertThat(((DatabindException) e).getPath()).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"Zoë\\nnext line\"}", "{\"tags\":[\"a\",\"b\"],\"title\":{\"fr\":\"été\"}}"})
    void cleanJsonStringsPass(String body) {
        assertThat(json.readValue(body, Body.class)).isNotNull();
    }

    record Body(String name, List<String> tags, java.util.Map<String, String> title) {}
}

package org.museumevents.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one language of an organiser message's email (docs/api.md, organisers' messages). */
class MessageTextTest {

    @Test
    void theRegistrantsLanguageWhenBothTextsAreGivenInIt() {
        MessageText text = new MessageText(Map.of("fr", "Sujet", "en", "Subject"), Map.of("fr", "Corps", "en", "Body"));
        assertThat(text.languageFor("fr", "en")).isEqualTo("fr");
        assertThat(text.languageFor("es", "en")).isEqualTo("en");
    }

    @Test
    void aLanguageWithBothTextsBeforeOneWithOnlyTheSubject() {
        MessageText text = new MessageText(Map.of("fr", "Sujet", "en", "Subject"), Map.of("en", "Body"));
        assertThat(text.languageFor("fr", "fr")).isEqualTo("en");
    }

    @Test
    void theBodysLanguageWhenNoLanguageHasBoth() {
        MessageText text = new MessageText(Map.of("fr", "Sujet"), Map.of("es", "Cuerpo"));
        assertThat(text.languageFor("fr", "fr")).isEqualTo("es");
    }

    @Test
    void aBlankTextIsNotGiven() {
        MessageText text =
                new MessageText(Map.of("fr", "\u200B", "en", "Subject"), Map.of("fr", "Corps", "en", "Body"));
        assertThat(text.languageFor("fr", "fr")).isEqualTo("en");
    }
}

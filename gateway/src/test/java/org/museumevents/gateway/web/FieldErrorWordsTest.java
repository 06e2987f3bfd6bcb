package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The kinds the gateway reads from the services' English field messages (docs/api.md "Errors"), the
 * catalog's follow-up messages among them: a tester saw a bad link's "must be an absolute http or
 * https URL of at most 2000 characters" said as a length on the page.
 */
class FieldErrorWordsTest {

    @Test
    void aUrlMessageIsAboutTheUrlEvenWhenItStatesALength() {
        assertThat(FieldErrorWords.kind(
                                "followUp.links[0].url",
                                "must be an absolute http or https URL of at most 2000 characters")
                        .key())
                .isEqualTo("service.error.url");
    }

    @Test
    void eachKindOfMessageHasItsText() {
        assertThat(FieldErrorWords.kind("followUp.links[0].label", "must be at most 200 characters"))
                .isEqualTo(new FieldErrorWords.Kind("form.error.tooLong", 200));
        assertThat(FieldErrorWords.kind("followUp.links[0].label", "must not be blank")
                        .key())
                .isEqualTo("form.error.required");
        assertThat(FieldErrorWords.kind("followUp.links[0].label", "must be a single line without control characters")
                        .key())
                .isEqualTo("service.error.oneLine");
        assertThat(FieldErrorWords.kind(
                                "followUp.text.fr", "must not contain control characters other than line breaks")
                        .key())
                .isEqualTo("service.error.characters");
        assertThat(FieldErrorWords.kind("followUp.links", "must be at most 10 links")
                        .key())
                .isEqualTo(FieldErrorWords.INVALID);
    }
}

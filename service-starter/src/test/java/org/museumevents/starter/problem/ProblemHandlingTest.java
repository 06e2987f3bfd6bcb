package org.museumevents.starter.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How every service names a field in {@code errors[].field} (docs/api.md "Errors"). */
class ProblemHandlingTest {

    @ParameterizedTest
    @CsvSource({
        "title[fr], title.fr",
        "questions[0].label[en], questions[0].label.en",
        "questions[2].choices[1].label[es], questions[2].choices[1].label.es",
        "eventDefaults.questions[0].label[fr], eventDefaults.questions[0].label.fr",
        "people[0].name, people[0].name",
        "tags[12], tags[12]",
        "title.fr, title.fr",
        "name, name"
    })
    void mapKeysAfterADotListIndexesInBrackets(String beanValidationPath, String field) {
        assertThat(ProblemHandling.fieldPath(beanValidationPath)).isEqualTo(field);
    }
}

package org.museumevents.registration.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.Question.Choice;
import org.museumevents.registration.event.Question.Kind;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the catalog's example message reads with and without {@code event.questions} (issue 15): the
 * questions in order, every field defaulted, and a question this service cannot judge left out
 * rather than the whole event refused. No server: the end-to-end path is in
 * {@code RegistrationQuestionsTest}.
 */
class CatalogMessageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE = Path.of("../catalog-service/src/test/resources/messages/EventPublished.json");

    private static CatalogMessage read(String questions) throws Exception {
        ObjectNode message = (ObjectNode) JSON.readTree(Files.readAllBytes(EXAMPLE));
        ObjectNode event = (ObjectNode) message.get("event");
        if (questions == null) {
            event.remove("questions"); // a message from before issue 15
        } else {
            event.set("questions", JSON.readTree(questions));
        }
        CatalogMessage read = JSON.readValue(JSON.writeValueAsBytes(message), CatalogMessage.class);
        read.check();
        return read;
    }

    @Test
    void aMessageWithoutQuestionsAsksNone() throws Exception {
        assertThat(read(null).snapshot().questions()).isEmpty();
        assertThat(read("[]").snapshot().questions()).isEmpty();
    }

    /** Issue 16: the event's format is kept (check-in is for events that are not online). */
    @Test
    void readsTheFormat() throws Exception {
        String expected =
                JSON.readTree(Files.readAllBytes(EXAMPLE)).at("/event/format").asString();
        assertThat(expected).isIn("ONLINE", "IN_PERSON", "HYBRID");
        assertThat(read(null).snapshot().format()).isEqualTo(expected);
    }

    /** Issue 16: the partner organisations are kept; none when the message has none. */
    @Test
    void readsThePartnerOrganisations() throws Exception {
        assertThat(read(null).snapshot().partnerOrganisations()).containsExactly("icom-greece");
        ObjectNode message = (ObjectNode) JSON.readTree(Files.readAllBytes(EXAMPLE));
        ((ObjectNode) message.get("event")).remove("partnerOrganisations");
        CatalogMessage older = JSON.readValue(JSON.writeValueAsBytes(message), CatalogMessage.class);
        assertThat(older.snapshot().partnerOrganisations()).isEmpty();
    }

    /** Issue 16: what attestations print of the event, from the catalog's example (an online event, no venue). */
    @Test
    void readsWhatAttestationsPrint() throws Exception {
        var details = read(null).details();
        assertThat(details.title()).containsEntry("fr", "Le numérique est-il solidaire ?");
        assertThat(details.title()).containsEntry("en", "Is the digital world inclusive?");
        assertThat(details.timeZone()).isEqualTo("Europe/Paris");
        assertThat(details.venue()).isNull();
    }

    @Test
    void readsTheQuestionsInOrderWithTheirChoices() throws Exception {
        List<Question> questions =
                read("""
                        [{"id": "size", "kind": "SINGLE_CHOICE", "label": {"fr": "Taille", "en": "Size"},
                          "choices": [{"id": "c1", "label": {"en": "Small"}}, {"id": "c2", "label": {"en": "Large"}}],
                          "required": true},
                         {"id": "job", "kind": "TEXT", "label": {"es": "Oficio"}, "choices": [], "required": false}]""")
                        .snapshot()
                        .questions();

        assertThat(questions)
                .containsExactly(
                        new Question(
                                "size",
                                Kind.SINGLE_CHOICE,
                                Map.of("fr", "Taille", "en", "Size"),
                                List.of(
                                        new Choice("c1", Map.of("en", "Small")),
                                        new Choice("c2", Map.of("en", "Large"))),
                                true),
                        new Question("job", Kind.TEXT, Map.of("es", "Oficio"), List.of(), false));
        assertThat(questions.get(0).heading()).isEqualTo("Size");
        assertThat(questions.get(1).heading()).isEqualTo("Oficio");
    }

    @Test
    void aQuestionItCannotJudgeIsLeftOutAndMissingFieldsAreDefaulted() throws Exception {
        List<Question> questions =
                read("""
                        [{"id": "stars", "kind": "RATING", "label": {"en": "Rate us"}, "required": true},
                         {"kind": "TEXT", "label": {"en": "No id"}},
                         {"id": "member", "kind": "YES_NO", "label": {"en": "Member?", "de": "Mitglied?", "fr": null}}]""")
                        .snapshot()
                        .questions();

        assertThat(questions)
                .containsExactly(new Question("member", Kind.YES_NO, Map.of("en", "Member?"), List.of(), false));
    }
}

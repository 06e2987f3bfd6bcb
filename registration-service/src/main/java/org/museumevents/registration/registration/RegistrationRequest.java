package org.museumevents.registration.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.TreeMap;
import org.museumevents.starter.input.EmailAddresses;
import org.museumevents.starter.input.SingleLine;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/events/{eventId}/registrations}. Every text field is one line: name
 * and organisation land at the top of emails sent from the museum's domain, where a line break
 * would let the registrant write the email.
 *
 * <p>{@code answers} (issue 15) answers the event's questions by id, each value as the question's
 * kind asks (judged against the event's current questions under its lock, see {@link Answers}); it
 * is left out of the JSON when absent or empty, so that the body's hash that an {@code
 * Idempotency-Key} is compared by is the same as before questions existed, and for {@code {}} and
 * no answers alike.
 *
 * <p>Also the body of {@code POST /api/series/{seriesId}/subscriptions} (issue 17).
 */
public record RegistrationRequest(
        @NotBlank @Size(max = 200) @SingleLine String name,
        @NotBlank @Size(max = 254) @SingleLine @DeliverableEmail String email,
        @Size(max = 200) @SingleLine String organisation,
        @NotNull @SingleLine @Pattern(regexp = "fr|en|es", message = "must be one of fr, en, es") String language,
        @Size(max = 64) @SingleLine String timeZone,
        @SingleLine @Pattern(regexp = "[a-z]{2,3}", message = "must be a language code such as fr")
                String interpretationLanguage,
        @NotNull(message = "consent is required") @AssertTrue(message = "consent is required") Boolean consent,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
                @Schema(
                        description = "answers to the event's questions by question id: a string (TEXT, LONG_TEXT,"
                                + " a SINGLE_CHOICE's choice id, a COUNTRY code such as FR), an array of choice ids"
                                + " (MULTIPLE_CHOICE) or true/false (YES_NO)",
                        example = "{\"q1\": \"Curator\", \"q2\": [\"c1\", \"c3\"], \"q3\": true, \"q4\": \"FR\"}")
                Map<String, JsonNode> answers) {

    /**
     * The same request with the email as stored and sent ({@link EmailAddresses#deliverable}) and the
     * answers in one canonical form: ordered by question id, a {@code null} answer left out as no
     * answer. The body's hash an {@code Idempotency-Key} is compared by is taken of this, so a retry
     * whose client wrote the same answers in another order is the same request.
     */
    public RegistrationRequest withDeliverableEmail() {
        String deliverable = EmailAddresses.deliverable(email).orElse(email);
        Map<String, JsonNode> canonical = null;
        if (answers != null) {
            canonical = new TreeMap<>();
            for (Map.Entry<String, JsonNode> answer : answers.entrySet()) {
                if (answer.getValue() != null && !answer.getValue().isNull()) {
                    canonical.put(answer.getKey(), answer.getValue());
                }
            }
        }
        return new RegistrationRequest(
                name, deliverable, organisation, language, timeZone, interpretationLanguage, consent, canonical);
    }
}

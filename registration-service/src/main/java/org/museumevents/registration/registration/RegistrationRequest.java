package org.museumevents.registration.registration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.museumevents.starter.input.EmailAddresses;
import org.museumevents.starter.input.SingleLine;

/**
 * The body of {@code POST /api/events/{eventId}/registrations}. Every text field is one line: name
 * and organisation land at the top of emails sent from the museum's domain, where a line break
 * would let the registrant write the email.
 */
record RegistrationRequest(
        @NotBlank @Size(max = 200) @SingleLine String name,
        @NotBlank @Size(max = 254) @SingleLine @DeliverableEmail String email,
        @Size(max = 200) @SingleLine String organisation,
        @NotNull @SingleLine @Pattern(regexp = "fr|en|es", message = "must be one of fr, en, es") String language,
        @Size(max = 64) @SingleLine String timeZone,
        @SingleLine @Pattern(regexp = "[a-z]{2,3}", message = "must be a language code such as fr")
                String interpretationLanguage,
        @NotNull(message = "consent is required") @AssertTrue(message = "consent is required") Boolean consent) {

    /** The same request with the email as stored and sent ({@link EmailAddresses#deliverable}). */
    RegistrationRequest withDeliverableEmail() {
        String deliverable = EmailAddresses.deliverable(email).orElse(email);
        return new RegistrationRequest(
                name, deliverable, organisation, language, timeZone, interpretationLanguage, consent);
    }
}

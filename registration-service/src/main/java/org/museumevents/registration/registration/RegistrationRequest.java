package org.museumevents.registration.registration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/events/{eventId}/registrations}. */
record RegistrationRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank
                @Size(max = 254)
                @Pattern(regexp = "\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*", message = "must be an email address")
                String email,
        @Size(max = 200) String organisation,
        @NotNull @Pattern(regexp = "fr|en|es", message = "must be one of fr, en, es") String language,
        @Size(max = 64) String timeZone,
        @Pattern(regexp = "[a-z]{2,3}", message = "must be a language code such as fr") String interpretationLanguage,
        @NotNull(message = "consent is required") @AssertTrue(message = "consent is required") Boolean consent) {}

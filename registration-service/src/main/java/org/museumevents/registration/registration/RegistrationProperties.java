package org.museumevents.registration.registration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicBaseUrl the web UI's origin; manage links are {@code <publicBaseUrl>/registrations/<id>?token=...}
 * @param purgeAfter how long after an event ends its registrants' personal data is erased
 * @param purgeInterval how often the purge looks for such events
 * @param idempotencyKeyLifetime how long an {@code Idempotency-Key} answers its first result; after
 *     that it is new again, and the purge deletes it
 */
@ConfigurationProperties("registration")
record RegistrationProperties(
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue("P30D") Duration purgeAfter,
        @DefaultValue("PT1H") Duration purgeInterval,
        @DefaultValue("P1D") Duration idempotencyKeyLifetime) {

    String manageUrl(java.util.UUID registrationId, String token) {
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/registrations/" + registrationId + "?token=" + token;
    }
}

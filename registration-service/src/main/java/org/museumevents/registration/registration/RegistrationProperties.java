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

    /** Issue 17: the page whose button reconfirms: {@code <publicBaseUrl>/registrations/<id>/reconfirm?token=<token>}. */
    String reconfirmUrl(java.util.UUID registrationId, String token) {
        return pageUrl(registrationId, "/reconfirm", token);
    }

    /** Issue 17: the page whose button declines: {@code <publicBaseUrl>/registrations/<id>/decline?token=<token>}. */
    String declineUrl(java.util.UUID registrationId, String token) {
        return pageUrl(registrationId, "/decline", token);
    }

    private String pageUrl(java.util.UUID registrationId, String page, String token) {
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/registrations/" + registrationId + page + "?token=" + token;
    }

    String manageUrl(java.util.UUID registrationId, String token) {
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/registrations/" + registrationId + "?token=" + token;
    }
}

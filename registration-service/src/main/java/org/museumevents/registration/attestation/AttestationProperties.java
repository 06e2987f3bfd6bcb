package org.museumevents.registration.attestation;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What attestations of attendance print beyond the catalog's messages (issue 16).
 *
 * @param organisationNames an organisation's name as printed, by its slug (the tokens' {@code org}),
 *     e.g. {@code icom-france: ICOM France}; an organisation not named here is printed by the
 *     {@code organisationName} of the catalog's message when it has one, else by its slug
 */
@ConfigurationProperties("registration.attestation")
record AttestationProperties(Map<String, String> organisationNames) {

    AttestationProperties {
        organisationNames = organisationNames == null ? Map.of() : Map.copyOf(organisationNames);
    }

    /** The name printed for {@code organisation} (a slug), given the catalog's name or null. */
    String nameOf(String organisation, String catalogName) {
        String configured = organisationNames.get(organisation);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return catalogName != null ? catalogName : organisation;
    }
}

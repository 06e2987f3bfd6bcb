package org.museumevents.gateway.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Which organisation a login or an API client acts for. */
@Component
class Organisations {

    private final Map<String, String> byOrganiser = new HashMap<>();
    private final Map<String, String> byClient = new HashMap<>();

    Organisations(IdentityProperties properties) {
        for (IdentityProperties.Organisation organisation : properties.organisations()) {
            organisation.organisers().forEach(o -> unique(byOrganiser, o.username(), organisation.slug()));
            organisation.clients().forEach(c -> unique(byClient, c.id(), organisation.slug()));
        }
    }

    Optional<String> ofOrganiser(String username) {
        return Optional.ofNullable(byOrganiser.get(username));
    }

    Optional<String> ofClient(String clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }

    private static void unique(Map<String, String> index, String name, String organisation) {
        String previous = index.putIfAbsent(name, organisation);
        if (previous != null) {
            throw new IllegalStateException(
                    "'" + name + "' is configured for both " + previous + " and " + organisation);
        }
    }
}

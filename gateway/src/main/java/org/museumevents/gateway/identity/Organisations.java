package org.museumevents.gateway.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Which organisation a login or an API client acts for, and in which role ({@code organiser} or {@code door}). */
@Component
class Organisations {

    /** An organisation and the role in it. */
    record Member(String organisation, String role) {}

    private final Map<String, Member> byOrganiser = new HashMap<>();
    private final Map<String, Member> byClient = new HashMap<>();

    Organisations(IdentityProperties properties) {
        for (IdentityProperties.Organisation organisation : properties.organisations()) {
            organisation
                    .organisers()
                    .forEach(o -> unique(byOrganiser, o.username(), new Member(organisation.slug(), o.role())));
            organisation.clients().forEach(c -> unique(byClient, c.id(), new Member(organisation.slug(), c.role())));
        }
    }

    Optional<String> ofOrganiser(String username) {
        return memberOfOrganiser(username).map(Member::organisation);
    }

    Optional<Member> memberOfOrganiser(String username) {
        return Optional.ofNullable(byOrganiser.get(username));
    }

    Optional<String> ofClient(String clientId) {
        return memberOfClient(clientId).map(Member::organisation);
    }

    Optional<Member> memberOfClient(String clientId) {
        return Optional.ofNullable(byClient.get(clientId));
    }

    private static void unique(Map<String, Member> index, String name, Member member) {
        Member previous = index.putIfAbsent(name, member);
        if (previous != null) {
            throw new IllegalStateException("'" + name + "' is configured for both " + previous.organisation() + " and "
                    + member.organisation());
        }
    }
}

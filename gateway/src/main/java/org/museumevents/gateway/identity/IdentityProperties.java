package org.museumevents.gateway.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * The organisations this gateway issues tokens for, with their organisers' logins and their API
 * clients. Passwords and secrets are stored encoded with their algorithm as prefix, e.g.
 * {@code {bcrypt}$2a$10$...}; never in plain text outside a demo profile.
 *
 * <p>Each login and client has a {@code role} (issue 16): {@value #ORGANISER} (the default: everything
 * for its organisation) or {@value #DOOR} (door staff: check-in only). Tokens carry it as claim
 * {@code role}; the services' shared starter reads it.
 */
@Validated
@ConfigurationProperties("gateway.identity")
record IdentityProperties(
        @DefaultValue("http://localhost:8080") URI issuer,
        @DefaultValue("PT1H") Duration tokenLifetime,
        Resource signingKey,
        @DefaultValue("http://localhost:8080/login/oauth2/code/museum-events") URI webRedirectUri,
        @Valid List<Organisation> organisations) {

    static final String ORGANISER = "organiser";
    static final String DOOR = "door";

    IdentityProperties {
        organisations = organisations == null ? List.of() : organisations;
    }

    record Organisation(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{2,64}") String slug,
            @Valid List<Organiser> organisers,
            @Valid List<Client> clients) {

        Organisation {
            organisers = organisers == null ? List.of() : organisers;
            clients = clients == null ? List.of() : clients;
        }
    }

    /** A login; {@code role} {@code organiser} (default) or {@code door}. */
    record Organiser(
            @NotBlank String username,
            @NotBlank String password,
            @DefaultValue(ORGANISER) @Pattern(regexp = "organiser|door") String role) {}

    /** An API client ({@code client_credentials}); {@code role} {@code organiser} (default) or {@code door}. */
    record Client(
            @NotBlank String id,
            @NotBlank String secret,
            @DefaultValue(ORGANISER) @Pattern(regexp = "organiser|door") String role) {}
}

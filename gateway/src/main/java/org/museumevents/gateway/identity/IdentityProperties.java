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
 */
@Validated
@ConfigurationProperties("gateway.identity")
record IdentityProperties(
        @DefaultValue("http://localhost:8080") URI issuer,
        @DefaultValue("PT1H") Duration tokenLifetime,
        Resource signingKey,
        @DefaultValue("http://localhost:8080/login/oauth2/code/museum-events") URI webRedirectUri,
        @Valid List<Organisation> organisations) {

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

    record Organiser(@NotBlank String username, @NotBlank String password) {}

    record Client(@NotBlank String id, @NotBlank String secret) {}
}

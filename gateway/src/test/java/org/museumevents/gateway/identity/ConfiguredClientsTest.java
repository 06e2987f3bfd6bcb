package org.museumevents.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The configured clients accept the authorization server's re-encoded secret, and nothing else. */
class ConfiguredClientsTest {

    private static RegisteredClient client(String secret) {
        return RegisteredClient.withId("id-1")
                .clientId("ocim")
                .clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("organiser")
                .build();
    }

    @Test
    void keepsAReEncodedSecretAndRefusesAnyOtherChange() {
        ConfiguredClients clients = new ConfiguredClients(List.of(client("{bcrypt}$2a$04$weak")));

        clients.save(client("{bcrypt}$2a$10$stronger"));
        assertThat(clients.findByClientId("ocim").getClientSecret()).isEqualTo("{bcrypt}$2a$10$stronger");
        assertThat(clients.findById("id-1").getClientSecret()).isEqualTo("{bcrypt}$2a$10$stronger");

        RegisteredClient widened = RegisteredClient.from(client("{bcrypt}$2a$10$stronger"))
                .scope("admin")
                .build();
        assertThatThrownBy(() -> clients.save(widened)).isInstanceOf(UnsupportedOperationException.class);
        RegisteredClient renamed = RegisteredClient.from(client("{bcrypt}$2a$10$stronger"))
                .clientId("someone-else")
                .build();
        assertThatThrownBy(() -> clients.save(renamed)).isInstanceOf(UnsupportedOperationException.class);
        RegisteredClient unknown =
                RegisteredClient.from(client("{bcrypt}$2a$10$x")).id("id-2").build();
        assertThatThrownBy(() -> clients.save(unknown)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(clients.findByClientId("someone-else")).isNull();
        assertThat(clients.findByClientId("ocim").getScopes()).containsExactly("organiser");
    }
}

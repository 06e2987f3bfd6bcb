package org.museumevents.gateway.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The configured clients, read-only. Unlike {@code InMemoryRegisteredClientRepository} it does not
 * refuse two clients whose encoded secrets are equal (the same hash configured twice): only ids and
 * client ids must be unique.
 */
final class ConfiguredClients implements RegisteredClientRepository {

    private final Map<String, RegisteredClient> byId = new HashMap<>();
    private final Map<String, RegisteredClient> byClientId = new HashMap<>();

    ConfiguredClients(List<RegisteredClient> clients) {
        for (RegisteredClient client : clients) {
            if (byId.putIfAbsent(client.getId(), client) != null
                    || byClientId.putIfAbsent(client.getClientId(), client) != null) {
                throw new IllegalStateException("Client '" + client.getClientId() + "' is configured twice");
            }
        }
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are configured in gateway.identity.organisations");
    }

    @Override
    public RegisteredClient findById(String id) {
        return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return byClientId.get(clientId);
    }
}

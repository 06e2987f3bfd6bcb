package org.museumevents.gateway.identity;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The configured clients, read-only but for one thing. Unlike
 * {@code InMemoryRegisteredClientRepository} it does not refuse two clients whose encoded secrets
 * are equal (the same hash configured twice): only ids and client ids must be unique.
 *
 * <p>The one save it accepts is the authorization server's after a successful authentication with
 * a secret hashed more weakly than the encoder's default (BCrypt cost below 10): the same client
 * with its secret re-encoded. That stronger hash is kept in memory, for this process; the
 * configuration keeps the old one, which still matches the same secret.
 */
final class ConfiguredClients implements RegisteredClientRepository {

    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

    ConfiguredClients(List<RegisteredClient> clients) {
        for (RegisteredClient client : clients) {
            if (byId.putIfAbsent(client.getId(), client) != null
                    || byClientId.putIfAbsent(client.getClientId(), client) != null) {
                throw new IllegalStateException("Client '" + client.getClientId() + "' is configured twice");
            }
        }
    }

    @Override
    public synchronized void save(RegisteredClient registeredClient) {
        RegisteredClient configured = byId.get(registeredClient.getId());
        if (configured == null || !onlyTheSecretDiffers(configured, registeredClient)) {
            throw new UnsupportedOperationException("Clients are configured in gateway.identity.organisations");
        }
        byId.put(registeredClient.getId(), registeredClient);
        byClientId.put(registeredClient.getClientId(), registeredClient);
    }

    private static boolean onlyTheSecretDiffers(RegisteredClient configured, RegisteredClient saved) {
        RegisteredClient withConfiguredSecret = RegisteredClient.from(saved)
                .clientSecret(configured.getClientSecret())
                .build();
        return withConfiguredSecret.equals(configured);
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

package org.museumevents.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The token issuer and the organisations of {@link GatewayIntegrationTest}, configured as a
 * deployment configures them: passwords and secrets as BCrypt hashes, at the default cost but for
 * one client's, hashed at a lower cost as older configurations are.
 *
 * <ul>
 *   <li>icom-france: organiser {@code estelle} / {@code solidarite}; API clients {@code icom-france} /
 *       {@code other-secret} and {@code icom-france-scripts} / {@code demo-secret}.
 *   <li>ocim: organisers {@code marie@ocim.fr} and {@code marie} / {@code atelier-dijon}; API client
 *       {@code ocim} / {@code demo-secret}, the same encoded secret as icom-france-scripts', which must
 *       not stop the gateway.
 *   <li>ocim's API client {@code ocim-legacy} / {@code legacy-secret} is hashed at BCrypt cost 4, which
 *       the authorization server re-encodes after use.
 *   <li>ocim's door staff (role {@code door}, issue 16): login {@code portier} / {@code accueil-dijon};
 *       API client {@code ocim-door} / {@code demo-secret}.
 *   <li>icom-greece: organiser {@code eleni} / {@code partenaire} (a partner of some ICOM France events).
 *   <li>Prometheus scrapes with {@code prometheus} / {@code scrape-secret}.
 * </ul>
 */
public final class TestIdentity implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The Prometheus scrape account (gateway.metrics.*). */
    public static final String METRICS_USERNAME = "prometheus";

    public static final String METRICS_PASSWORD = "scrape-secret";

    /** The URL the services know the gateway by: tokens carry it as issuer. */
    public static final String ISSUER = "http://gateway.test";

    /**
     * Verifies tokens as a service does (spring.security.oauth2.resourceserver.jwt.jwk-set-uri: the
     * gateway's JWK set), but with time for the gateway to answer: Nimbus' default 500 ms read
     * timeout failed the first request to a freshly started gateway on a busy build machine.
     */
    public static JwtDecoder servicesDecoder(int gatewayPort) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(30));
        return NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + gatewayPort + "/oauth2/jwks")
                .restOperations(new RestTemplate(requests))
                .build();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        String demoSecret = "{bcrypt}" + bcrypt.encode("demo-secret");
        String icom = "gateway.identity.organisations[0].";
        String ocim = "gateway.identity.organisations[1].";
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("gateway.identity.issuer", ISSUER);
        properties.put(icom + "slug", "icom-france");
        properties.put(icom + "organisers[0].username", "estelle");
        properties.put(icom + "organisers[0].password", "{bcrypt}" + bcrypt.encode("solidarite"));
        properties.put(icom + "clients[0].id", "icom-france");
        properties.put(icom + "clients[0].secret", "{bcrypt}" + bcrypt.encode("other-secret"));
        properties.put(icom + "clients[1].id", "icom-france-scripts");
        properties.put(icom + "clients[1].secret", demoSecret);
        properties.put(ocim + "slug", "ocim");
        properties.put(ocim + "organisers[0].username", "marie@ocim.fr");
        properties.put(ocim + "organisers[0].password", "{bcrypt}" + bcrypt.encode("atelier-dijon"));
        properties.put(ocim + "organisers[1].username", "marie");
        properties.put(ocim + "organisers[1].password", "{bcrypt}" + bcrypt.encode("atelier-dijon"));
        properties.put(ocim + "clients[0].id", "ocim");
        properties.put(ocim + "clients[0].secret", demoSecret);
        properties.put(ocim + "clients[1].id", "ocim-legacy");
        properties.put(ocim + "clients[1].secret", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("legacy-secret"));
        properties.put(ocim + "organisers[2].username", "portier");
        properties.put(ocim + "organisers[2].password", "{bcrypt}" + bcrypt.encode("accueil-dijon"));
        properties.put(ocim + "organisers[2].role", "door");
        properties.put(ocim + "clients[2].id", "ocim-door");
        properties.put(ocim + "clients[2].secret", demoSecret);
        properties.put(ocim + "clients[2].role", "door");
        String greece = "gateway.identity.organisations[2].";
        properties.put(greece + "slug", "icom-greece");
        properties.put(greece + "organisers[0].username", "eleni");
        properties.put(greece + "organisers[0].password", "{bcrypt}" + bcrypt.encode("partenaire"));
        properties.put("gateway.metrics.username", METRICS_USERNAME);
        properties.put("gateway.metrics.password", "{bcrypt}" + bcrypt.encode(METRICS_PASSWORD));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-identity", properties));
    }
}

package org.museumevents.gateway;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The three services behind the gateway, one stand-in each, started once per JVM on free ports
 * they keep: every context of {@link GatewayIntegrationTest} is pointed at the same ones, so their
 * addresses never make two contexts differ. Tests run one at a time (JUnit's default) and each
 * begins with the stand-ins unscripted and with no request recorded, so a test sees only its own.
 * They live as long as the JVM; a test that must stop a service uses stand-ins of its own.
 */
public final class StandIns {

    public static final StandIn CATALOG = new StandIn("catalog");
    public static final StandIn REGISTRATION = new StandIn("registration");
    public static final StandIn NOTIFICATION = new StandIn("notification");

    private static final List<StandIn> ALL = List.of(CATALOG, REGISTRATION, NOTIFICATION);

    private StandIns() {}

    /** Each service answers every request with what it received, as the routing tests need. */
    public static void echoEverything() {
        ALL.forEach(service -> service.echoes("/.*"));
    }

    /** Points the gateway at the stand-ins: {@code gateway.services.*}. */
    public static final class ServiceUrls implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "stand-ins",
                            Map.of(
                                    "gateway.services.catalog", CATALOG.url(),
                                    "gateway.services.registration", REGISTRATION.url(),
                                    "gateway.services.notification", NOTIFICATION.url())));
        }
    }

    /**
     * Before each test: no scripts, no recorded requests, and nothing the gateway kept of the
     * catalog's public answers ({@code web.PublicCatalogCache}), whatever the test before did.
     */
    public static final class ResetBeforeEach implements BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            ALL.forEach(StandIn::reset);
            CacheManager caches = SpringExtension.getApplicationContext(context)
                    .getBeanProvider(CacheManager.class)
                    .getIfAvailable();
            if (caches != null) {
                caches.getCacheNames().forEach(name -> caches.getCache(name).clear());
            }
        }
    }
}

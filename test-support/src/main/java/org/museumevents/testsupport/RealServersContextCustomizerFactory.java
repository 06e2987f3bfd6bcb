package org.museumevents.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Registered in META-INF/spring.factories; acts on test classes annotated {@link RealServers}. */
class RealServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, RealServers.class)) {
            return null;
        }
        return new RealServersCustomizer();
    }

    /**
     * Equal for every test class, so classes with the same configuration share one cached context
     * and its database (each context gets a fresh database when it is created): tests keep their
     * data apart with unique ids. A class that breaks a server, or needs settings of its own,
     * declares them and so gets a context of its own.
     */
    private record RealServersCustomizer() implements ContextCustomizer {

        private static final Set<String> TEST_SOURCES = Set.of("Inlined Test Properties", "Dynamic Test Properties");

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestServers.DatabaseCoordinates db = TestServers.newDatabase();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("spring.datasource.url", db.url());
            properties.put("spring.datasource.username", db.username());
            properties.put("spring.datasource.password", db.password());
            properties.put("spring.kafka.bootstrap-servers", TestServers.kafkaBootstrapServers());
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", TestServers.smtpPort());
            properties.put(
                    "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation());
            // Above application.yml, below a test's own properties and @DynamicPropertySource, so a
            // test can point one setting elsewhere (say, at a Kafka broker it stops and restarts).
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource realServers = new MapPropertySource("realServers", properties);
            String lastTestSource = null;
            for (PropertySource<?> source : sources) {
                if (TEST_SOURCES.contains(source.getName())) {
                    lastTestSource = source.getName();
                }
            }
            if (lastTestSource == null) {
                sources.addFirst(realServers);
            } else {
                sources.addAfter(lastTestSource, realServers);
            }
        }
    }
}

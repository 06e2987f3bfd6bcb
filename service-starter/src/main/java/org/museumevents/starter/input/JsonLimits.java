package org.museumevents.starter.input;

import org.museumevents.starter.ServiceSettings;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import tools.jackson.core.StreamReadConstraints;

/**
 * Bounds every JSON document this service parses (HTTP bodies and Kafka messages) before a mapper
 * is built: strings of at most {@code <prefix>.limits.max-json-string-length} characters (Jackson
 * 3 allows 100,000,000 by default), nesting of at most {@code max-json-nesting-depth}, documents of
 * at most 4 MB. Jackson reads these defaults when a factory is created, so they are set JVM-wide,
 * from the application's own settings, before Spring Boot builds its mapper.
 */
class JsonLimits implements EnvironmentPostProcessor {

    /** Kafka messages are not bounded by the HTTP body limit; an event with every text is far below. */
    static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("spring.application.name") == null
                && environment.getProperty(ServiceSettings.PREFIX_PROPERTY) == null) {
            return;
        }
        ServiceSettings.Limits limits = ServiceSettings.of(environment).limits();
        StreamReadConstraints.overrideDefaultStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(limits.maxJsonStringLength())
                .maxNestingDepth(limits.maxJsonNestingDepth())
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .build());
    }
}

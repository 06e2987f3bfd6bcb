package org.museumevents.starter;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The shared mechanisms' settings of one service, read under the service's own prefix, as the
 * contract asks (one prefix per service: {@code catalog.*}, {@code registration.*}, ...).
 *
 * <p>The prefix is {@code spring.application.name} without its {@code -service} suffix
 * ({@code catalog-service} reads {@code catalog.outbox.relay-interval}), or {@code
 * museum.settings-prefix} when set. Values are bound with Spring Boot's relaxed binding, so
 * {@code CATALOG_OUTBOX_RELAYINTERVAL} works as an environment variable.
 *
 * @param prefix the settings prefix, e.g. {@code catalog}
 * @param applicationName {@code spring.application.name}, e.g. {@code catalog-service}
 * @param security {@code <prefix>.security.*}
 * @param api {@code <prefix>.api.*}
 * @param outbox {@code <prefix>.outbox.*}
 * @param limits {@code <prefix>.limits.*}
 */
public record ServiceSettings(
        String prefix, String applicationName, Security security, Api api, Outbox outbox, Limits limits) {

    /** The property that overrides the prefix derived from the application's name. */
    public static final String PREFIX_PROPERTY = "museum.settings-prefix";

    /**
     * Reads the settings from {@code environment}.
     *
     * @throws IllegalStateException when neither {@code spring.application.name} nor {@value
     *     #PREFIX_PROPERTY} is set: without a prefix no setting could be found
     */
    public static ServiceSettings of(Environment environment) {
        String applicationName = environment.getProperty("spring.application.name");
        String prefix = environment.getProperty(PREFIX_PROPERTY);
        if (prefix == null) {
            if (applicationName == null || applicationName.isBlank()) {
                throw new IllegalStateException("Set spring.application.name (or " + PREFIX_PROPERTY
                        + ") so the service-starter finds its settings");
            }
            prefix = applicationName.replaceFirst("-service$", "");
        }
        Binder binder = Binder.get(environment);
        return new ServiceSettings(
                prefix,
                applicationName == null ? prefix : applicationName,
                binder.bindOrCreate(prefix + ".security", Bindable.of(Security.class)),
                binder.bindOrCreate(prefix + ".api", Bindable.of(Api.class)),
                binder.bindOrCreate(prefix + ".outbox", Bindable.of(Outbox.class)),
                binder.bindOrCreate(prefix + ".limits", Bindable.of(Limits.class)));
    }

    /**
     * Who may call what without a token, and how long fetching the token issuer's keys may take.
     *
     * @param publicPaths request matchers anyone may call, each {@code "<path pattern>"} or
     *     {@code "<HTTP method> <path pattern>"}, e.g. {@code "GET /api/events/**"}; every other
     *     {@code /api/**} request needs an organiser token (scope {@code organiser})
     * @param checkInPaths request matchers, in the same syntax, that door staff (a token with claim
     *     {@code role: door}) may call as well as organisers, e.g. registration-service's check-in
     *     endpoints (issue 16); which event's check-ins is the service's own check
     *     ({@link org.museumevents.starter.security.Organisers#checkInStaff()}). Empty by default
     * @param jwkTimeout bounded waits for the issuer's JWK set or discovery document, so a silent
     *     issuer is answered 503 in seconds rather than holding requests
     */
    public record Security(List<String> publicPaths, List<String> checkInPaths, @DefaultValue JwkTimeout jwkTimeout) {

        public Security {
            publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
            checkInPaths = checkInPaths == null ? List.of() : List.copyOf(checkInPaths);
        }

        /**
         * @param connect the longest wait to connect to the issuer
         * @param read the longest wait for its answer
         */
        public record JwkTimeout(@DefaultValue("2s") Duration connect, @DefaultValue("3s") Duration read) {}
    }

    /**
     * The OpenAPI description's texts.
     *
     * @param title e.g. {@code Museum Events: catalog}
     * @param description Markdown shown at the top of the Swagger UI page
     * @param organiserScope one sentence on what an organiser's token lets it do here
     */
    public record Api(
            @DefaultValue("Museum Events") String title,
            @DefaultValue("") String description,
            @DefaultValue("An organiser acts only on its own organisation's events.") String organiserScope) {}

    /**
     * The outbox relay.
     *
     * @param enabled whether this service has an {@code outbox} table to write and relay (off by
     *     default: a service without one gets no writer, and code that needs it fails at start)
     * @param relayInterval how often the relay polls the outbox when nothing woke it (writers on
     *     this instance wake it after each commit), and how long it pauses after a failed send
     * @param batchSize the most messages the relay reads and hands to the producer before waiting
     *     for their acknowledgements; a run reads batch after batch while they come back full
     * @param sendTimeout the longest wait for Kafka's acknowledgements of one batch before the
     *     relay pauses (one relay interval)
     * @param lockName the ShedLock row that keeps the relay on one instance at a time; {@code
     *     <prefix>-outbox-relay} when empty
     * @param lockAtMostFor how long a crashed instance's lock stays taken; a run reads no new batch
     *     later than two send timeouts before this, and runs again after releasing the lock
     */
    public record Outbox(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("500ms") Duration relayInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("15s") Duration sendTimeout,
            @DefaultValue("") String lockName,
            @DefaultValue("2m") Duration lockAtMostFor) {}

    /**
     * Bounds on what a request may carry, checked before anything parses it.
     *
     * @param maxBodySize the longest request body, e.g. {@code 256KB}: longer is a 413
     * @param maxJsonStringLength the longest string a JSON document may hold, in characters (also
     *     for messages read from Kafka)
     * @param maxJsonNestingDepth the deepest nesting of JSON arrays and objects
     */
    public record Limits(
            @DefaultValue("256KB") DataSize maxBodySize,
            @DefaultValue("100000") int maxJsonStringLength,
            @DefaultValue("64") int maxJsonNestingDepth) {}

    /** The relay's lock name, {@code <prefix>-outbox-relay} unless set. */
    public String outboxLockName() {
        return outbox.lockName().isBlank() ? prefix + "-outbox-relay" : outbox.lockName();
    }

    /** The CloudEvents {@code source} of this service's messages, {@code /<application name>}. */
    public String messageSource() {
        return "/" + applicationName;
    }
}

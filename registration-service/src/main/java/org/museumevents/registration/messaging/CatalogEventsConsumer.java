package org.museumevents.registration.messaging;

import java.util.function.Consumer;
import org.museumevents.registration.attestation.Attestations;
import org.museumevents.registration.registration.CatalogChanges;
import org.museumevents.registration.subscription.SeriesEnrolment;
import org.museumevents.starter.messaging.MessageBodies;
import org.museumevents.starter.messaging.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code catalog.events} (binding {@code catalogEvents-in-0}, group and dead-letter topic in
 * application.yml). A message's effect and its processed-message row commit together; a message
 * that cannot be read is an {@link org.museumevents.starter.messaging.UnreadableMessage}: not
 * retried, sent to the dead-letter topic, and the consumer goes on. Any other failure (the
 * database down) is retried by the binder.
 */
@Configuration(proxyBeanMethods = false)
class CatalogEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(CatalogEventsConsumer.class);
    private static final String TOPIC = "catalog.events";

    @Bean
    Consumer<Message<byte[]>> catalogEvents(
            JsonMapper json,
            ProcessedMessages processed,
            CatalogChanges changes,
            Attestations attestations,
            SeriesEnrolment enrolment,
            TransactionTemplate tx) {
        return message -> {
            CatalogMessage catalogMessage = MessageBodies.read(json, message.getPayload(), CatalogMessage.class);
            catalogMessage.check();
            tx.executeWithoutResult(status -> {
                if (processed.firstTime(catalogMessage.id(), TOPIC, catalogMessage.type())) {
                    changes.apply(catalogMessage.snapshot());
                    // After the event: only a version applied (not an older one) updates the details.
                    attestations.learn(
                            catalogMessage.event().id(), catalogMessage.event().version(), catalogMessage.details());
                    log.info(
                            "Applied {} {} of event {}",
                            catalogMessage.type(),
                            catalogMessage.id(),
                            catalogMessage.event().id());
                } else {
                    log.info("Skipped {} {}: already processed", catalogMessage.type(), catalogMessage.id());
                }
            });
            // Issue 17: the series' followers, once the occurrence is stored (committed: registering
            // locks the event's row in its own transaction); the sweep retries what fails here.
            if (catalogMessage.event().seriesId() != null) {
                enrolment.enrolFor(catalogMessage.event().id());
            }
        };
    }
}

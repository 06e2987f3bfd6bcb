package org.museumevents.registration.messaging;

import java.time.Clock;
import java.util.function.Consumer;
import org.museumevents.registration.registration.CatalogChanges;
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
 * that cannot be read fails, is retried, then goes to the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class CatalogEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(CatalogEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> catalogEvents(
            JsonMapper json, ProcessedMessages processed, CatalogChanges changes, TransactionTemplate tx, Clock clock) {
        return message -> {
            CatalogMessage catalogMessage = json.readValue(message.getPayload(), CatalogMessage.class);
            catalogMessage.check();
            tx.executeWithoutResult(status -> {
                if (processed.firstTime(catalogMessage.id(), clock.instant())) {
                    changes.apply(catalogMessage.snapshot());
                    log.info(
                            "Applied {} {} of event {}",
                            catalogMessage.type(),
                            catalogMessage.id(),
                            catalogMessage.event().id());
                } else {
                    log.info("Skipped {} {}: already processed", catalogMessage.type(), catalogMessage.id());
                }
            });
        };
    }
}

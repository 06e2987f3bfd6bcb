package org.museumevents.notification.messaging;

import java.time.Clock;
import java.util.function.Consumer;
import org.museumevents.notification.planning.CatalogChanges;
import org.museumevents.notification.planning.RegistrationChanges;
import org.museumevents.notification.privacy.PersonalData;
import org.museumevents.starter.messaging.MessageBodies;
import org.museumevents.starter.messaging.ProcessedMessages;
import org.museumevents.starter.messaging.UnreadableMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two Spring Cloud Stream consumers ({@code catalogEvents-in-0}, {@code
 * registrationEvents-in-0}): each reads the body, checks it and hands it to planning, in one
 * transaction with its processed-message row, with the time the fact happened ({@link FactTimes}):
 * every rule about time is judged at that time, not when the message is processed. A body that cannot be read is an {@link
 * UnreadableMessage}: not retried, sent to the dead-letter topic, and the consumer goes on; any
 * other failure (the database down) is retried by the binder. Unknown types are skipped so
 * producers may add some. A registration outcome without email is applied to a known registration
 * (its personal data erased before), and unreadable for an unknown one.
 */
@Configuration(proxyBeanMethods = false)
class Consumers {

    private static final Logger log = LoggerFactory.getLogger(Consumers.class);
    private static final String CATALOG = "catalog.events";
    private static final String REGISTRATIONS = "registration.events";

    @Bean
    Consumer<Message<byte[]>> catalogEvents(
            JsonMapper json, ProcessedMessages processed, CatalogChanges changes, TransactionTemplate tx, Clock clock) {
        return message -> {
            CatalogMessage body = MessageBodies.read(json, message.getPayload(), CatalogMessage.class);
            if (body.id() == null || body.type() == null) {
                throw new UnreadableMessage("A catalog message without id or type");
            }
            if (!CatalogMessage.TYPES.contains(body.type())) {
                log.info("Skipped catalog message {} of unknown type {}", body.id(), body.type());
                return;
            }
            if (body.event() == null || !body.event().isComplete()) {
                throw new UnreadableMessage("Catalog message " + body.id() + " lacks event fields");
            }
            tx.executeWithoutResult(status -> {
                if (!processed.firstTime(body.id(), CATALOG, body.type())) {
                    log.debug("Message {} already processed", body.id());
                } else if (changes.apply(
                        body.event(), body.cancellation(), FactTimes.of(body.occurredAt(), message, clock))) {
                    log.info(
                            "Applied {} {} of event {} (version {})",
                            body.type(),
                            body.id(),
                            body.event().id(),
                            body.event().version());
                } else {
                    log.info(
                            "Ignored {} {} of event {}: version {} is not newer",
                            body.type(),
                            body.id(),
                            body.event().id(),
                            body.event().version());
                }
            });
        };
    }

    @Bean
    Consumer<Message<byte[]>> registrationEvents(
            JsonMapper json,
            ProcessedMessages processed,
            RegistrationChanges changes,
            PersonalData personalData,
            TransactionTemplate tx,
            Clock clock) {
        return message -> {
            RegistrationMessage body = MessageBodies.read(json, message.getPayload(), RegistrationMessage.class);
            if (body.id() == null || body.type() == null) {
                throw new UnreadableMessage("A registration message without id or type");
            }
            if (!body.known() && !body.erasure() && !body.attendance()) {
                log.info("Skipped registration message {} of unknown type {}", body.id(), body.type());
                return;
            }
            if (body.registrationId() == null || body.eventId() == null) {
                throw new UnreadableMessage("Registration message " + body.id() + " lacks registration fields");
            }
            tx.executeWithoutResult(status -> {
                if (!processed.firstTime(body.id(), REGISTRATIONS, body.type())) {
                    log.debug("Message {} already processed", body.id());
                } else if (body.attendance()) {
                    boolean known = changes.attendance(body.registrationId(), body.attended());
                    log.info(
                            "Applied {} {} of registration {}{}",
                            body.type(),
                            body.id(),
                            body.registrationId(),
                            known ? "" : " (unknown here: skipped)");
                } else if (body.erasure()) {
                    boolean known = personalData.erase(body.eventId(), body.registrationId());
                    log.info(
                            "Applied {} {}: personal data of registration {} erased{}",
                            body.type(),
                            body.id(),
                            body.registrationId(),
                            known ? "" : " (unknown here)");
                } else if (changes.apply(body.outcome(), FactTimes.of(body.occurredAt(), message, clock))) {
                    log.info("Applied {} {} of registration {}", body.type(), body.id(), body.registrationId());
                } else {
                    // Rolled back with its processed-message row, and dead-lettered: no retry completes it.
                    throw new UnreadableMessage("Registration message " + body.id()
                            + " lacks the email of registration " + body.registrationId() + ", unknown here");
                }
            });
        };
    }
}

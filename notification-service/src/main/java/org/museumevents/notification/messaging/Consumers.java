package org.museumevents.notification.messaging;

import java.util.function.Consumer;
import org.museumevents.starter.messaging.MessageBodies;
import org.museumevents.starter.messaging.UnreadableMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two Spring Cloud Stream consumers ({@code catalogEvents-in-0}, {@code
 * registrationEvents-in-0}). A body that cannot be read is an {@link UnreadableMessage}: not
 * retried, sent to the dead-letter topic, and the consumer goes on. Unknown types are skipped so
 * producers may add some.
 */
@Configuration(proxyBeanMethods = false)
class Consumers {

    private static final Logger log = LoggerFactory.getLogger(Consumers.class);

    @Bean
    Consumer<Message<byte[]>> catalogEvents(JsonMapper json, CatalogEventsHandler handler) {
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
            handler.handle(body);
        };
    }

    @Bean
    Consumer<Message<byte[]>> registrationEvents(JsonMapper json, RegistrationEventsHandler handler) {
        return message -> {
            RegistrationMessage body = MessageBodies.read(json, message.getPayload(), RegistrationMessage.class);
            if (body.id() == null || body.type() == null) {
                throw new UnreadableMessage("A registration message without id or type");
            }
            if (!body.known()) {
                log.info("Skipped registration message {} of unknown type {}", body.id(), body.type());
                return;
            }
            if (body.registrationId() == null
                    || body.eventId() == null
                    || body.email() == null
                    || body.email().isBlank()) {
                throw new UnreadableMessage("Registration message " + body.id() + " lacks registration fields");
            }
            handler.handle(body);
        };
    }
}

package org.museumevents.starter.messaging;

/**
 * A message that no retry can make readable (not JSON, missing its id, type or required fields).
 * The binder does not retry it ({@link UnreadableMessagesNotRetried}, an environment post-processor, sets {@code
 * spring.cloud.stream.default.consumer.retryable-exceptions} for it) and sends it to the
 * dead-letter topic at once; the consumer goes on with the next message.
 *
 * <p>Its message names the problem, never the body: bodies carry personal data.
 */
public class UnreadableMessage extends RuntimeException {

    public UnreadableMessage(String message) {
        super(message);
    }
}

package org.museumevents.notification.messaging;

/** A message that no retry can make readable: it goes straight to the dead-letter topic. */
class UnreadableMessage extends RuntimeException {

    UnreadableMessage(String message, Throwable cause) {
        super(message, cause);
    }

    UnreadableMessage(String message) {
        super(message);
    }
}

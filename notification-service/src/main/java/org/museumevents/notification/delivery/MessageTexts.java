package org.museumevents.notification.delivery;

import java.util.Optional;
import java.util.UUID;
import org.museumevents.notification.email.MessageText;

/**
 * Where the dispatcher reads the text of an organiser's message when it writes one of its emails.
 * The messages feature implements it, so that delivery does not depend on that feature (the
 * features stay free of cycles).
 */
public interface MessageTexts {

    /**
     * The message's subject and body by language.
     *
     * @param messageId the message an email of kind MESSAGE carries
     * @return empty when no such message is known
     */
    Optional<MessageText> find(UUID messageId);
}

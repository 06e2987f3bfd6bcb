package org.museumevents.notification.message;

import java.time.Instant;
import java.util.Optional;
import org.museumevents.notification.event.EventSnapshot;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps an event's follow-up (issue 15) planned as the catalog last announced it: a message of kind
 * {@code FOLLOW_UP} to the event's {@code CONFIRMED} registrants, due at the event's end plus the
 * follow-up's delay, which {@link DueMessages} plans when it falls due (recipients judged then,
 * erased registrants never) and the dispatcher sends (retries, delivery log, per-address limit, once
 * across instances).
 *
 * <p>Its recipients follow the follow-up's {@code audience} (issue 16): {@code CONFIRMED} for
 * {@code ALL}, else {@code ATTENDED} or {@code ABSENT}.
 *
 * <p>While it is not planned, each announcement re-plans it: a moved end or a changed delay moves
 * it, a changed text or links replace them, and a follow-up removed, or an event cancelled, drops
 * it. Once planned it is never planned again, whatever the event becomes afterwards.
 */
@Component
public class FollowUps {

    private final MessageRepository messages;

    FollowUps(MessageRepository messages) {
        this.messages = messages;
    }

    /**
     * Plans, re-plans or drops the event's follow-up after the catalog announced {@code event}, in
     * the caller's transaction (the one that keeps the event, under its lock).
     *
     * @param event the event as announced, the latest version
     * @param now the processing clock (UTC instant): the follow-up's creation time when it is new
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void plan(EventSnapshot event, Instant now) {
        Optional<Instant> sendAt = event.cancelled() ? Optional.empty() : event.followUpAt();
        if (sendAt.isEmpty()
                || event.followUp().text().values().stream().allMatch(text -> text == null || text.isBlank())) {
            messages.dropUnplannedFollowUp(event.id());
            return;
        }
        messages.saveFollowUp(event.id(), event.followUp(), sendAt.get(), now);
    }
}

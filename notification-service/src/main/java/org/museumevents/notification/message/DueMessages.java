package org.museumevents.notification.message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans the emails of the messages that have fallen due: one {@code MESSAGE} row per registrant
 * whose status is then among the message's recipients and whose personal data is not erased, due
 * at the message's {@code sendAt}, for the dispatcher to send (retries, delivery log, per-address
 * limit). Recipients are judged now, when the message falls due, not when it was posted. An
 * event's follow-up (kind {@code FOLLOW_UP}, see {@link FollowUps}) is planned the same way, to
 * {@code CONFIRMED} registrants (or, issue 16, those of them who attended or did not: {@code
 * ATTENDED}, {@code ABSENT}, as of when it falls due), as emails of kind {@code FOLLOW_UP}.
 *
 * <p>Runs every {@code notification.messages.poll-interval} (PT5S by default) on every instance,
 * and at once after a message due now is posted. Each message is planned once across instances:
 * its row is locked while planning (others skip it) and marked planned in the same transaction, and
 * a unique index allows one email per message and registration. A registrant erased after planning
 * has their unsent email dropped with their other ones; the dispatcher drops one it finds erased.
 */
@Component
class DueMessages {

    private static final Logger log = LoggerFactory.getLogger(DueMessages.class);
    private static final int BATCH = 20;

    private final MessageRepository messages;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final Clock clock;
    private final TransactionTemplate tx;

    DueMessages(
            MessageRepository messages,
            RegistrantRepository registrants,
            NotificationRepository notifications,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.messages = messages;
        this.registrants = registrants;
        this.notifications = notifications;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Plans every message due by now, a batch per transaction. */
    @Scheduled(
            fixedDelayString = "${notification.messages.poll-interval:PT5S}",
            initialDelayString = "${notification.messages.poll-interval:PT5S}")
    void planDue() {
        try {
            Integer planned;
            do {
                planned = tx.execute(status -> planBatch(clock.instant()));
            } while (planned != null && planned == BATCH);
        } catch (RuntimeException e) {
            // The next run tries again: nothing is marked planned unless its emails were.
            log.warn("Could not plan due messages: {}", e.toString());
        }
    }

    private int planBatch(Instant now) {
        List<MessageRepository.Stored> due = messages.lockDue(now, BATCH);
        for (MessageRepository.Stored message : due) {
            Set<String> statuses = Set.copyOf(message.recipients());
            Set<java.util.UUID> attended = registrants.attendedOf(message.eventId());
            List<NewNotification> emails = registrants.ofEvent(message.eventId()).stream()
                    .filter(registrant -> registrant.reachable()
                            && MessageRules.receives(
                                    statuses,
                                    registrant.status().name(),
                                    attended.contains(registrant.registrationId())))
                    .map(registrant -> message.kind() == EmailKind.FOLLOW_UP
                            ? NewNotification.followUp(registrant, message.sendAt())
                            : NewNotification.message(registrant, message.sendAt()))
                    .toList();
            int added = notifications.scheduleMessage(message.id(), emails, now);
            messages.markPlanned(message.id(), now, added);
            log.info("Planned message {} of event {}: {} emails", message.id(), message.eventId(), added);
        }
        return due.size();
    }
}

package org.museumevents.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.email.Letter;
import org.museumevents.notification.email.Mailer;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.museumevents.starter.input.EmailAddresses;
import org.museumevents.starter.tracing.TraceContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due notifications: claim, commit, send, mark (the house style's "work that leaves the
 * process": no network conversation while holding a row lock).
 *
 * <ol>
 *   <li>Claim: one statement takes up to {@code batch-size} due rows of known events for this
 *       instance until now + {@code claim-lease} ({@link NotificationRepository#claimDue}), and
 *       commits at once. Another instance skips them while the claim is live. A notification waits,
 *       unclaimed, until the catalog has announced its event.
 *   <li>Send: outside any transaction, one row after the other, each in the trace of the message
 *       that called for it, written from what is known of the event and registrant now. A reminder
 *       that has gone stale in between is dropped instead.
 *   <li>Mark: one statement per row writes SENT, RETRYING with backoff, or FAILED past the give-up
 *       time, onto this claim only ({@link DeliveryProperties}). An email that no retry can deliver
 *       ends FAILED at once, with its {@link FailureReason}: an address that is not deliverable
 *       (service-starter's {@code EmailAddresses.deliverable}, never offered to the server), or a
 *       permanent SMTP refusal (a 5yz reply, {@link SmtpFailures}). A 4yz reply, or no reply at all
 *       (connection refused, timeout), is retried.
 * </ol>
 *
 * <p>The email goes to the address's deliverable form: an internationalised domain in ASCII
 * ({@code jose@café.fr} → {@code jose@xn--caf-dma.fr}), which a server without SMTPUTF8 accepts.
 * The application log names notifications by id and SMTP failures by type and reply code only,
 * never by address.
 *
 * <p>An email goes out twice only when a claim lapses before its outcome is written (its instance
 * died or lost the database after sending, or the batch outlasted the lease) and another instance
 * takes the row again. So duplicates are bounded by the emails in flight: at most {@code
 * batch-size} per instance, those claimed and not yet marked. A repeated email carries the same
 * Message-ID, so mail clients can tell.
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NotificationRepository notifications;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final Mailer mailer;
    private final DeliveryProperties properties;
    private final EmailCounters counters;
    private final TraceContexts traces;
    private final Clock clock;

    Dispatcher(
            NotificationRepository notifications,
            KnownEventRepository events,
            RegistrantRepository registrants,
            Mailer mailer,
            DeliveryProperties properties,
            EmailCounters counters,
            TraceContexts traces,
            Clock clock) {
        this.notifications = notifications;
        this.events = events;
        this.registrants = registrants;
        this.mailer = mailer;
        this.properties = properties;
        this.counters = counters;
        this.traces = traces;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${notification.delivery.poll-interval:5s}")
    void dispatch() {
        try {
            List<Claim> batch;
            do {
                batch = notifications.claimDue(
                        clock.instant(),
                        properties.claimLease(),
                        properties.batchSize(),
                        properties.perRecipientLimit(),
                        properties.perRecipientPeriod());
                for (Claim claim : batch) {
                    // In the trace of the message that called for the email: its log lines carry that trace id.
                    traces.continuing(claim.traceparent(), "email delivery", () -> deliver(claim));
                }
            } while (batch.size() == properties.batchSize());
        } catch (RuntimeException e) {
            // Rows claimed and not marked are taken again once their claim lapses.
            log.warn("Dispatch interrupted, will try again: {}", e.toString());
        }
    }

    private void deliver(Claim claim) {
        if (!clock.instant().isBefore(claim.claimedUntil())) {
            // Another instance may have taken it again: left to whoever holds it now.
            log.warn("Claim of {} notification {} lapsed before it was sent", claim.kind(), claim.id());
            return;
        }
        Optional<EventSnapshot> event = events.find(claim.eventId());
        Optional<Registrant> registrant = registrants.find(claim.registrationId());
        if (event.isEmpty() || registrant.isEmpty()) {
            notifications.release(claim);
            return;
        }
        if (!registrant.get().reachable() || claim.recipient() == null) {
            // Their personal data was erased after the claim: nobody to write to any more.
            notifications.dropClaimed(claim);
            return;
        }
        if (claim.kind() == EmailKind.REMINDER && !stillWanted(claim, event.get(), registrant.get())) {
            // The planner drops such reminders; this covers one that became stale in between.
            notifications.dropClaimed(claim);
            return;
        }
        Optional<String> address = EmailAddresses.deliverable(claim.recipient());
        if (address.isEmpty()) {
            // Stored before registration-service refused such addresses: no retry can deliver it.
            counters.count(claim.kind(), DeliveryStatus.FAILED);
            notifications.markRefused(claim, FailureReason.UNDELIVERABLE_ADDRESS, claim.attempts(), null);
            log.error(
                    "Gave up on {} notification {} at once: its address cannot be delivered to",
                    claim.kind(),
                    claim.id());
            return;
        }
        int attempts = claim.attempts() + 1;
        try {
            mailer.send(new Letter(
                    claim.id(),
                    claim.kind(),
                    event.get(),
                    registrant.get(),
                    // The deliverable form: an internationalised domain in ASCII (IDNA), never raw 8-bit.
                    address.get(),
                    // Join details only while the registration is confirmed and the event on.
                    claim.joinDetails()
                            && registrant.get().confirmed()
                            && !event.get().cancelled(),
                    claim.calendar(),
                    claim.waitlistPosition()));
        } catch (Exception e) {
            if (noLongerTrue(claim, event.get(), registrant.get())) {
                // Claimed before the news changed, so the planner left it to this send (and the
                // registration's next email waited for it); it did not go: not retried after
                // that next email, which would contradict it.
                notifications.dropClaimed(claim);
                log.info(
                        "Dropped {} notification {} after a failed attempt ({}): no longer true",
                        claim.kind(),
                        claim.id(),
                        e.getClass().getSimpleName());
                return;
            }
            failed(claim, attempts, e);
            return;
        }
        // Counted before it is marked: once no row is claimed, every attempt is counted.
        counters.count(claim.kind(), DeliveryStatus.SENT);
        notifications.markSent(claim, attempts, clock.instant());
        log.info("Sent {} notification {} for event {}", claim.kind(), claim.id(), claim.eventId());
    }

    private void failed(Claim claim, int attempts, Exception e) {
        int refusal = SmtpFailures.permanentReplyCode(e);
        if (refusal != 0) {
            counters.count(claim.kind(), DeliveryStatus.FAILED);
            notifications.markRefused(claim, FailureReason.RECIPIENT_REFUSED, attempts, truncate(e.toString()));
            log.error(
                    "Gave up on {} notification {} at once: the SMTP server refused it for good (reply {})",
                    claim.kind(),
                    claim.id(),
                    refusal);
            return;
        }
        Instant now = clock.instant();
        boolean giveUp = properties.givesUp(claim.scheduledFor(), now);
        Duration wait = properties.retryAfter(attempts);
        DeliveryStatus status = giveUp ? DeliveryStatus.FAILED : DeliveryStatus.RETRYING;
        counters.count(claim.kind(), status);
        notifications.markFailed(claim, status, attempts, now.plus(wait), truncate(e.toString()));
        // The exception's message may quote the recipient: log its type only.
        if (giveUp) {
            log.error(
                    "Gave up on {} notification {} after {} attempts ({})",
                    claim.kind(),
                    claim.id(),
                    attempts,
                    e.getClass().getSimpleName());
        } else {
            log.warn(
                    "Could not send {} notification {} (attempt {}, {}); retrying in {}",
                    claim.kind(),
                    claim.id(),
                    attempts,
                    e.getClass().getSimpleName(),
                    wait);
        }
    }

    /**
     * News that the registration's or the event's current state contradicts: a place that is no
     * longer held, a wait or a review of a registration since cancelled, anything but the
     * cancellation about a cancelled event. A rejection or cancellation is always still true.
     */
    private static boolean noLongerTrue(Claim claim, EventSnapshot event, Registrant registrant) {
        return switch (claim.kind()) {
            case REMINDER -> !stillWanted(claim, event, registrant);
            case CONFIRMATION, PROMOTED -> !registrant.confirmed() || event.cancelled();
            case WAITLISTED, PENDING -> registrant.status() == RegistrationStatus.CANCELLED || event.cancelled();
            case EVENT_UPDATED -> !registrant.active() || event.cancelled();
            case REJECTED, CANCELLED, EVENT_CANCELLED -> false;
        };
    }

    private static boolean stillWanted(Claim claim, EventSnapshot event, Registrant registrant) {
        return registrant.confirmed()
                && !event.cancelled()
                && claim.reminderOffset() != null
                && event.startsAt()
                        .minus(Duration.parse(claim.reminderOffset()))
                        .equals(claim.scheduledFor());
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}

package org.museumevents.notification.delivery;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.email.Letter;
import org.museumevents.notification.email.Mailer;
import org.museumevents.notification.email.MessageText;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.museumevents.starter.input.EmailAddresses;
import org.museumevents.starter.tracing.TraceContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
 *   <li>Send: outside any transaction, by {@code senders} parallel workers, each sending its share
 *       of the batch over one SMTP connection ({@link Mailer#sendAll}). The emails of one
 *       registration go to the same worker, in the order they were claimed. Each email is written,
 *       in the trace of the message that called for it, from what is known of the event and
 *       registrant now. A reminder that has gone stale in between is dropped instead.
 *   <li>Mark: each worker writes the outcomes of its share onto the claim, one statement per kind
 *       of outcome: SENT; RETRYING with backoff, or FAILED past the give-up time ({@link
 *       DeliveryProperties}); dropped; given back. An email that no retry can deliver ends FAILED at
 *       once, with its {@link FailureReason}: an address that is not deliverable (service-starter's
 *       {@code EmailAddresses.deliverable}, never offered to the server), or a permanent SMTP
 *       refusal (a 5yz reply, {@link SmtpFailures}). A 4yz reply, or no reply at all (connection
 *       refused, timeout), is retried.
 * </ol>
 *
 * <p>It runs when there is work, on a thread of its own: woken after a transaction that scheduled
 * a due email commits ({@link DispatcherWakeUp}), at the time the next email falls due (a reminder,
 * a retry), and at the latest every {@code poll-interval}, which finds what other instances
 * scheduled and lapsed claims. It claims again at once while batches come back full (a backlog).
 *
 * <p>The email goes to the address's deliverable form: an internationalised domain in ASCII
 * ({@code jose@café.fr} → {@code jose@xn--caf-dma.fr}), which a server without SMTPUTF8 accepts.
 * The application log names notifications by id and SMTP failures by type and reply code only,
 * never by address.
 *
 * <p>The claim is renewed while its batch is being sent, so it lapses only when its instance stops
 * renewing it: within one {@code claim-lease} (a minute) of a SIGKILL, after which any instance,
 * the restarted one too, takes the rows again. An email goes out twice only when a claim lapses
 * before its outcome is written (its instance died, or lost the database for a lease, after sending)
 * and another instance takes the row again. So duplicates are bounded by the emails in flight: at most {@code
 * batch-size} per instance, those claimed and not yet marked. A repeated email carries the same
 * Message-ID, so mail clients can tell.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NotificationRepository notifications;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final Mailer mailer;
    private final DeliveryProperties properties;
    private final EmailCounters counters;
    private final TraceContexts traces;
    private final Clock clock;
    private final DispatcherWakeUp wakeUp;
    private final MessageTexts messageTexts;

    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;
    private ScheduledExecutorService renewals;

    Dispatcher(
            NotificationRepository notifications,
            KnownEventRepository events,
            RegistrantRepository registrants,
            Mailer mailer,
            DeliveryProperties properties,
            EmailCounters counters,
            TraceContexts traces,
            Clock clock,
            DispatcherWakeUp wakeUp,
            MessageTexts messageTexts) {
        this.notifications = notifications;
        this.events = events;
        this.registrants = registrants;
        this.mailer = mailer;
        this.properties = properties;
        this.counters = counters;
        this.traces = traces;
        this.clock = clock;
        this.wakeUp = wakeUp;
        this.messageTexts = messageTexts;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.senders(), work -> {
            Thread thread = new Thread(work, "email-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        renewals = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "email-claim-renewal");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        loop = new Thread(this::run, "email-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        wakeUp.wake();
        try {
            // The batch on its way is sent and marked; rows claimed and not marked lapse.
            loop.join(properties.pollInterval().toMillis() + 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
        renewals.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            Duration sleep;
            try {
                sleep = dispatch();
            } catch (RuntimeException e) {
                // Rows claimed and not marked are taken again once their claim lapses.
                log.warn("Dispatch interrupted, will try again: {}", e.toString());
                sleep = properties.pollInterval();
            }
            try {
                wakeUp.await(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Claims and sends until a batch comes back short.
     *
     * @return how long to sleep: until the next email falls due, at most the poll interval
     */
    Duration dispatch() {
        List<Claim> batch;
        do {
            batch = notifications.claimDue(
                    clock.instant(),
                    properties.claimLease(),
                    properties.batchSize(),
                    properties.perRecipientLimit(),
                    properties.perRecipientPeriod());
            if (!batch.isEmpty()) {
                send(batch);
            }
        } while (running && batch.size() == properties.batchSize());
        Instant now = clock.instant();
        Duration poll = properties.pollInterval();
        return notifications
                .nextDueAfter(now)
                .map(next -> Duration.between(now, next))
                .filter(untilDue -> untilDue.compareTo(poll) < 0)
                .orElse(poll);
    }

    /**
     * Sends one claimed batch with the parallel workers, each its share, and waits for them; while
     * they send, the batch's claim is renewed every third of {@code claim-lease}, so that it lapses
     * within one lease of this instance dying (SIGKILL, a lost machine) and not while it lives.
     */
    private void send(List<Claim> batch) {
        UUID claimId = batch.get(0).claimId();
        long every = Math.max(1, properties.claimLease().toMillis() / 3);
        ScheduledFuture<?> renewal =
                renewals.scheduleAtFixedRate(() -> renew(claimId), every, every, TimeUnit.MILLISECONDS);
        try {
            sendShares(batch);
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(UUID claimId) {
        try {
            Instant now = clock.instant();
            notifications.renewClaim(claimId, now, now.plus(properties.claimLease()));
        } catch (RuntimeException e) {
            // The next renewal tries again; past the lease, another instance may send these emails too.
            log.warn("Could not renew claim {}: {}", claimId, e.toString());
        }
    }

    private void sendShares(List<Claim> batch) {
        Map<UUID, Optional<EventSnapshot>> known = new HashMap<>();
        for (Claim claim : batch) {
            known.computeIfAbsent(claim.eventId(), events::find);
        }
        List<List<Claim>> shares = shares(batch, Math.min(properties.senders(), batch.size()));
        List<Future<?>> running = new ArrayList<>();
        for (List<Claim> share : shares) {
            if (!share.isEmpty()) {
                running.add(senders.submit(() -> new Share(share, known).deliver()));
            }
        }
        for (Future<?> share : running) {
            try {
                share.get();
            } catch (ExecutionException e) {
                log.warn(
                        "Sending a share of a batch was interrupted: {}",
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending", e);
            }
        }
    }

    /**
     * Deals the batch to {@code workers} shares as evenly as possible, the emails to one address
     * together and in the order claimed, so that they arrive in the order they fell due (one
     * registration's among them; {@link DeliveryProperties#longestShare()} bounds the longest).
     */
    static List<List<Claim>> shares(List<Claim> batch, int workers) {
        Map<String, List<Claim>> byAddress = new LinkedHashMap<>();
        for (Claim claim : batch) {
            String address = claim.recipient() == null
                    ? claim.registrationId().toString()
                    : claim.recipient().toLowerCase(Locale.ROOT);
            byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(claim);
        }
        List<List<Claim>> shares = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            shares.add(new ArrayList<>());
        }
        for (List<Claim> group : byAddress.values()) {
            shares.stream()
                    .min(Comparator.comparingInt(List::size))
                    .orElseThrow()
                    .addAll(group);
        }
        return shares;
    }

    /** One worker's share of a batch: written, sent over one connection, marked by outcome. */
    private final class Share {

        private final List<Claim> claims;
        private final Map<UUID, Optional<EventSnapshot>> known;
        private final UUID claimId;
        private final List<Claim> sent = new ArrayList<>();
        private final List<NotificationRepository.Failure> failures = new ArrayList<>();
        private final List<UUID> dropped = new ArrayList<>();
        private final List<UUID> released = new ArrayList<>();

        Share(List<Claim> claims, Map<UUID, Optional<EventSnapshot>> known) {
            this.claims = claims;
            this.known = known;
            this.claimId = claims.get(0).claimId();
        }

        void deliver() {
            List<Written> written = new ArrayList<>();
            for (Claim claim : claims) {
                // In the trace of the message that called for the email: its log lines carry that trace id.
                traces.continuing(claim.traceparent(), "email delivery", () -> write(claim)
                        .ifPresent(written::add));
            }
            Map<MimeMessage, Exception> notSent =
                    mailer.sendAll(written.stream().map(Written::message).toList());
            Instant now = clock.instant();
            for (Written email : written) {
                Exception failure = notSent.get(email.message());
                traces.continuing(email.claim().traceparent(), "email delivery", () -> {
                    if (failure == null) {
                        // Counted before it is marked: once no row is claimed, every attempt is counted.
                        counters.count(email.claim().kind(), DeliveryStatus.SENT);
                        sent.add(email.claim());
                        log.info(
                                "Sent {} notification {} for event {}",
                                email.claim().kind(),
                                email.claim().id(),
                                email.claim().eventId());
                    } else {
                        failed(email, failure, now);
                    }
                });
            }
            notifications.markSent(claimId, sent, now);
            notifications.markFailed(claimId, failures);
            notifications.dropClaimed(claimId, dropped);
            notifications.release(claimId, released);
        }

        /** The email to send for the claim, or none with its outcome noted (dropped, given back...). */
        private Optional<Written> write(Claim claim) {
            if (!clock.instant().isBefore(claim.claimedUntil())) {
                // Another instance may have taken it again: left to whoever holds it now.
                log.warn("Claim of {} notification {} lapsed before it was sent", claim.kind(), claim.id());
                return Optional.empty();
            }
            Optional<EventSnapshot> event = known.get(claim.eventId());
            Optional<Registrant> registrant = registrants.find(claim.registrationId());
            if (event.isEmpty() || registrant.isEmpty()) {
                released.add(claim.id());
                return Optional.empty();
            }
            if (!registrant.get().reachable() || claim.recipient() == null) {
                // Their personal data was erased after the claim: nobody to write to any more.
                dropped.add(claim.id());
                return Optional.empty();
            }
            if (claim.kind() == EmailKind.REMINDER
                    && !stillWanted(claim, event.get(), registrant.get(), clock.instant())) {
                // The planner drops such reminders; this covers one that became stale in between.
                dropped.add(claim.id());
                return Optional.empty();
            }
            if (claim.kind() == EmailKind.FOLLOW_UP
                    && (!registrant.get().confirmed() || event.get().cancelled())) {
                // A follow-up goes to those confirmed when it is sent, of an event that took place.
                dropped.add(claim.id());
                return Optional.empty();
            }
            if ((claim.kind().asksReconfirmation() || claim.kind() == EmailKind.RELEASED)
                    && noLongerTrue(claim, event.get(), registrant.get(), clock.instant())) {
                // Issue 17: a question for someone no longer confirmed (or an event begun), a
                // release of someone who took a place back meanwhile: stale, dropped.
                dropped.add(claim.id());
                return Optional.empty();
            }
            MessageText message = null;
            if (claim.kind() == EmailKind.MESSAGE || claim.kind() == EmailKind.FOLLOW_UP) {
                message = claim.messageId() == null
                        ? null
                        : messageTexts.find(claim.messageId()).orElse(null);
                if (message == null) {
                    // Its message is gone: nothing left to write.
                    dropped.add(claim.id());
                    return Optional.empty();
                }
                if (claim.kind() == EmailKind.FOLLOW_UP) {
                    // Issue 16: an attendee's follow-up may point to their attestation.
                    var followUp = event.get().followUp();
                    message = message.withAttestation(
                            followUp != null && followUp.attestation() && registrants.attended(claim.registrationId()));
                }
            }
            Optional<String> address = EmailAddresses.deliverable(claim.recipient());
            if (address.isEmpty()) {
                // Stored before registration-service refused such addresses: no retry can deliver it.
                counters.count(claim.kind(), DeliveryStatus.FAILED);
                failures.add(new NotificationRepository.Failure(
                        claim.id(), FailureReason.UNDELIVERABLE_ADDRESS.name(), claim.attempts(), null, null));
                log.error(
                        "Gave up on {} notification {} at once: its address cannot be delivered to",
                        claim.kind(),
                        claim.id());
                return Optional.empty();
            }
            Written email = new Written(claim, event.get(), registrant.get(), null);
            try {
                return Optional.of(email.with(mailer.compose(new Letter(
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
                        claim.waitlistPosition(),
                        message))));
            } catch (Exception e) {
                // Not written (the calendar SEQUENCE could not be taken, say): a failed attempt.
                failed(email, e, clock.instant());
                return Optional.empty();
            }
        }

        private void failed(Written email, Exception e, Instant now) {
            Claim claim = email.claim();
            int attempts = claim.attempts() + 1;
            if (noLongerTrue(claim, email.event(), email.registrant(), now)) {
                // Claimed before the news changed, so the planner left it to this send (and the
                // registration's next email waited for it); it did not go: not retried after
                // that next email, which would contradict it.
                dropped.add(claim.id());
                return;
            }
            int refusal = SmtpFailures.permanentReplyCode(e);
            if (refusal != 0) {
                counters.count(claim.kind(), DeliveryStatus.FAILED);
                failures.add(new NotificationRepository.Failure(
                        claim.id(), FailureReason.RECIPIENT_REFUSED.name(), attempts, null, truncate(e.toString())));
                log.error(
                        "Gave up on {} notification {} at once: the SMTP server refused it for good (reply {})",
                        claim.kind(),
                        claim.id(),
                        refusal);
                return;
            }
            boolean giveUp = properties.givesUp(claim.scheduledFor(), now);
            Duration wait = properties.retryAfter(attempts);
            DeliveryStatus status = giveUp ? DeliveryStatus.FAILED : DeliveryStatus.RETRYING;
            counters.count(claim.kind(), status);
            failures.add(new NotificationRepository.Failure(
                    claim.id(), status.name(), attempts, now.plus(wait), truncate(e.toString())));
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
    }

    /** A claimed email, what it was written from, and the message (null until written). */
    private record Written(Claim claim, EventSnapshot event, Registrant registrant, MimeMessage message) {
        Written with(MimeMessage written) {
            return new Written(claim, event, registrant, written);
        }
    }

    /**
     * News that the registration's or the event's current state contradicts: a place that is no
     * longer held, a wait or a review of a registration since cancelled, anything but the
     * cancellation about a cancelled event. A rejection or cancellation is always still true.
     */
    private static boolean noLongerTrue(Claim claim, EventSnapshot event, Registrant registrant, Instant now) {
        return switch (claim.kind()) {
            case REMINDER -> !stillWanted(claim, event, registrant, now);
            case CONFIRMATION, PROMOTED -> !registrant.confirmed() || event.cancelled();
            case WAITLISTED, PENDING -> registrant.status() == RegistrationStatus.CANCELLED || event.cancelled();
            case EVENT_UPDATED -> !registrant.active() || event.cancelled();
            // An organiser's message went to those it was meant for when it fell due: still sent.
            case FOLLOW_UP -> !registrant.confirmed() || event.cancelled();
            case REJECTED, CANCELLED, EVENT_CANCELLED, MESSAGE -> false;
            // Issue 17: asked only while confirmed, before the start; released only while released.
            case RECONFIRMATION_REQUESTED, RECONFIRMATION_REMINDED ->
                !registrant.confirmed() || event.cancelled() || !now.isBefore(event.startsAt());
            case RELEASED -> registrant.status() != RegistrationStatus.RELEASED || event.cancelled();
        };
    }

    /**
     * Whether a reminder still makes sense: its registrant confirmed, its event on and not yet over
     * at {@code now} (a reminder due before the start but sent after the end, after an outage or a
     * backlog, would remind of something past), and its offset from the event's current start
     * unchanged.
     */
    private static boolean stillWanted(Claim claim, EventSnapshot event, Registrant registrant, Instant now) {
        return registrant.confirmed()
                && !event.cancelled()
                && (event.endsAt() == null || now.isBefore(event.endsAt()))
                && claim.reminderOffset() != null
                && event.startsAt()
                        .minus(Duration.parse(claim.reminderOffset()))
                        .equals(claim.scheduledFor());
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}

package org.museumevents.notification.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.delivery.NotificationRepository.MessageCounts;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.email.Letter;
import org.museumevents.notification.email.Mailer;
import org.museumevents.notification.email.MessageText;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Organisers' messages to their events' registrants (issue 15): posted, listed, previewed. The
 * caller must be an organiser of the event's organisation; another organisation's event, or one the
 * catalog has not announced, is a 404, so nothing tells it exists.
 */
@Service
class Messages {

    /** The languages a preview by status may be written in. */
    private static final List<String> PREVIEW_LANGUAGES = List.of("fr", "en", "es");

    /** The name a preview by status writes for {@code {name}}. */
    static final String SAMPLE_NAME = "Camille Martin";

    private static final int KEY_MAX = 200;

    private final MessageRepository messages;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final DueMessages due;
    private final Mailer mailer;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;

    Messages(
            MessageRepository messages,
            KnownEventRepository events,
            RegistrantRepository registrants,
            NotificationRepository notifications,
            DueMessages due,
            Mailer mailer,
            JsonMapper json,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.messages = messages;
        this.events = events;
        this.registrants = registrants;
        this.notifications = notifications;
        this.due = due;
        this.mailer = mailer;
        this.json = json;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Schedules a message, or answers the one first posted with the same {@code Idempotency-Key}
     * and body (so pressing send twice sends once). A message due now has its emails planned
     * before this returns, and they leave at once.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key}, or null
     * @return the message as it stands
     * @throws InvalidFields naming each field that breaks {@link MessageRules}
     * @throws org.springframework.web.ErrorResponseException 404 for an event not the caller's,
     *     422 {@code idempotency-key-reused} when the key was first used with another body
     */
    MessageView post(UUID eventId, MessageRequest request, String idempotencyKey) {
        checkOrganiser(eventId);
        Instant now = clock.instant();
        List<FieldProblem> problems = MessageRules.check(request, now);
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > KEY_MAX
                        || TextRules.firstForbidden(idempotencyKey, true) >= 0)) {
            problems.add(new FieldProblem("Idempotency-Key", "must be 1 to " + KEY_MAX + " characters on one line"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFields(problems);
        }
        List<String> recipients = MessageRules.RECIPIENTS.stream()
                .filter(request.recipients()::contains)
                .toList();
        Map<String, String> subject = given(request.subject());
        Map<String, String> body = given(request.body());
        byte[] hash = idempotencyKey == null
                ? null
                : sha256(json.writeValueAsString(new Canonical(recipients, subject, body, request.sendAt())));
        if (idempotencyKey != null) {
            var first = messages.findByKey(eventId, idempotencyKey);
            if (first.isPresent()) {
                return replay(first.get(), hash);
            }
        }
        MessageRepository.Stored message = new MessageRepository.Stored(
                UUID.randomUUID(),
                eventId,
                EmailKind.MESSAGE,
                recipients,
                subject,
                body,
                List.of(),
                request.sendAt() == null ? now : request.sendAt(),
                null,
                null,
                now,
                hash);
        boolean added = Boolean.TRUE.equals(tx.execute(status -> messages.add(message, idempotencyKey)));
        if (!added) {
            // The same key posted at the same time: the first one's answer.
            return replay(messages.findByKey(eventId, idempotencyKey).orElseThrow(), hash);
        }
        if (!message.sendAt().isAfter(now)) {
            due.planDue();
        }
        return view(messages.load(message.id()).orElseThrow(), countsOf(eventId));
    }

    private MessageView replay(MessageRepository.Stored first, byte[] hash) {
        if (!Arrays.equals(first.requestHash(), hash)) {
            throw Problems.unprocessable(
                    "idempotency-key-reused", "The Idempotency-Key was first used with another message.");
        }
        return view(first, countsOf(first.eventId()));
    }

    /**
     * The event's messages, the newest posted first, each with what became of its emails; its
     * follow-up among them (kind {@code FOLLOW_UP}) once the catalog announced one.
     */
    List<MessageView> list(UUID eventId) {
        checkOrganiser(eventId);
        Map<UUID, MessageCounts> counts = countsOf(eventId);
        return messages.ofEvent(eventId).stream().map(m -> view(m, counts)).toList();
    }

    /**
     * The message as one registrant would receive it, nothing sent or stored: the registration
     * given (of this event only), or a sample registrant of the status given, named {@value
     * #SAMPLE_NAME}, writing in the language given, else in the event's default language.
     *
     * @throws InvalidFields for a message that could not be posted, neither or both of {@code
     *     registrationId} and {@code status}, a {@code language} other than fr, en, es, or a {@code
     *     language} with {@code registrationId} (a registration writes in its own)
     */
    Mailer.Preview preview(UUID eventId, PreviewRequest request) {
        checkOrganiser(eventId);
        EventSnapshot event = events.find(eventId).orElseThrow(() -> Problems.notFound("Event " + eventId));
        List<FieldProblem> problems = MessageRules.check(request.message(), clock.instant());
        if (request.registrationId() == null && request.status() == null) {
            problems.add(new FieldProblem("registrationId", "give registrationId or status"));
        } else if (request.registrationId() != null && request.status() != null) {
            problems.add(new FieldProblem("status", "give registrationId or status, not both"));
        } else if (request.status() != null && !MessageRules.STATUSES.contains(request.status())) {
            problems.add(new FieldProblem("status", "must be one of " + MessageRules.STATUSES));
        }
        if (request.language() != null) {
            if (!PREVIEW_LANGUAGES.contains(request.language())) {
                problems.add(new FieldProblem("language", "must be one of " + PREVIEW_LANGUAGES));
            } else if (request.registrationId() != null) {
                problems.add(new FieldProblem("language", "a registration is previewed in its own language"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFields(problems);
        }
        Registrant registrant;
        if (request.registrationId() != null) {
            Registrant found = registrants
                    .find(request.registrationId())
                    .filter(candidate -> candidate.eventId().equals(eventId) && candidate.reachable())
                    .orElseThrow(() -> Problems.notFound("Registration " + request.registrationId()));
            // Without the manage link: it carries the registrant's own token, which only they may
            // hold (docs/api.md); with it an organiser could act as the registrant.
            registrant = new Registrant(
                    found.registrationId(),
                    found.eventId(),
                    found.status(),
                    found.name(),
                    found.email(),
                    found.organisation(),
                    found.language(),
                    found.timeZone(),
                    null,
                    found.waitlistPosition());
        } else {
            registrant = new Registrant(
                    UUID.randomUUID(),
                    eventId,
                    RegistrationStatus.valueOf(request.status()),
                    SAMPLE_NAME,
                    "preview@example.invalid",
                    null,
                    request.language() == null ? event.defaultLanguage() : request.language(),
                    null,
                    null,
                    null);
        }
        MessageText text = new MessageText(given(request.subject()), given(request.body()));
        return mailer.preview(new Letter(
                UUID.randomUUID(),
                EmailKind.MESSAGE,
                event,
                registrant,
                registrant.email(),
                registrant.confirmed(),
                false,
                null,
                text));
    }

    private void checkOrganiser(UUID eventId) {
        String organisation = Organisers.required();
        events.organisationOf(eventId)
                .filter(organisation::equals)
                .orElseThrow(() -> Problems.notFound("Event " + eventId));
    }

    private Map<UUID, MessageCounts> countsOf(UUID eventId) {
        return notifications.countsOfMessages(eventId);
    }

    private static MessageView view(MessageRepository.Stored message, Map<UUID, MessageCounts> all) {
        MessageCounts counts = all.getOrDefault(message.id(), new MessageCounts(0, 0, 0, 0));
        String status = message.plannedAt() == null ? "SCHEDULED" : counts.unsent() > 0 ? "SENDING" : "SENT";
        // The count kept when it was planned: an email dropped since (its registrant's personal data
        // erased before it went) still counts as planned, as its line would have stayed once sent.
        int planned = message.plannedCount() != null ? message.plannedCount() : counts.planned();
        return new MessageView(
                message.id(),
                message.eventId(),
                message.kind().name(),
                message.recipients(),
                message.subject(),
                message.body(),
                message.links(),
                message.sendAt(),
                message.createdAt(),
                status,
                new MessageView.Counts(planned, counts.sent(), counts.failed()));
    }

    /** The texts given (not blank), in the order fr, en, es. */
    private static Map<String, String> given(Map<String, String> texts) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String language : List.of("fr", "en", "es")) {
            String text = texts.get(language);
            if (!TextRules.isBlank(text)) {
                given.put(language, text);
            }
        }
        return given;
    }

    /** What an Idempotency-Key's request is compared by: its meaning, whatever the JSON's order. */
    private record Canonical(
            List<String> recipients, Map<String, String> subject, Map<String, String> body, Instant sendAt) {
        Canonical {
            subject = new TreeMap<>(subject);
            body = new TreeMap<>(body);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

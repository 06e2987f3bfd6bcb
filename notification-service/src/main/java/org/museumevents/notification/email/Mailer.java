package org.museumevents.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes an email in the registrant's language (HTML and a plain-text alternative, one template
 * each for every kind, texts from the {@code mail/messages} bundles) and sends it over SMTP.
 */
@Component
public class Mailer {

    /** RFC 5322 §3.3 date-time, English day and month names whatever the JVM's locale. */
    private static final DateTimeFormatter DATE_HEADER =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader, scanning every jar of
        // the class path, each time it encodes a part: a third of the senders' CPU in the issue 13
        // profile (JFR). Named by this system property, it is instantiated directly (FactoryFinder
        // reads the property first). Angus Mail's own provider, the one the ServiceLoader finds.
        String provider = "jakarta.mail.util.StreamProvider";
        if (System.getProperty(provider) == null) {
            System.setProperty(provider, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Set<String> LANGUAGES = Set.of("fr", "en", "es");

    private final JavaMailSender sender;
    private final EmailProperties properties;
    private final CalendarEntry calendar;
    private final CalendarSequenceRepository calendarSequences;
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final SpringTemplateEngine templates = new SpringTemplateEngine();

    Mailer(
            JavaMailSender sender,
            EmailProperties properties,
            CalendarEntry calendar,
            CalendarSequenceRepository calendarSequences) {
        this.sender = sender;
        this.properties = properties;
        this.calendar = calendar;
        this.calendarSequences = calendarSequences;
        messages.setBasename("mail/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        templates.setTemplateEngineMessageSource(messages);
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/templates/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
    }

    /**
     * Sends the letter, with its iCalendar attachment if {@link Letter#calendar()}; throws when the
     * SMTP server does not take it, or when the attachment's SEQUENCE cannot be taken (the database
     * is unreachable: better sent later than with a SEQUENCE that was never recorded).
     */
    public void send(Letter letter) throws MessagingException {
        sender.send(compose(letter));
    }

    /**
     * Writes the letter as the MIME message to send (see {@link #send(Letter)}), taking the next
     * calendar SEQUENCE if it carries the iCalendar entry; nothing is sent.
     *
     * @throws MessagingException when the message cannot be built
     * @throws org.springframework.dao.DataAccessException when the SEQUENCE cannot be taken
     */
    public MimeMessage compose(Letter letter) throws MessagingException {
        Written email = write(letter);
        String entry = letter.calendar() ? calendarEntry(letter, Locale.forLanguageTag(email.language())) : null;
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(letter.recipient());
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        if (email.checkInCode() != null) {
            // After the text: an inline part is related to the HTML body (MimeMessageHelper's rule).
            helper.addInline(
                    CheckInQrCode.CONTENT_ID,
                    new ByteArrayResource(CheckInQrCode.png(email.checkInCode())),
                    "image/png");
        }
        if (entry != null) {
            String method = calendar.methodOf(letter);
            helper.addAttachment(
                    "invite.ics",
                    new ByteArrayResource(entry.getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; charset=UTF-8; method=" + method);
        }
        mime.setHeader("Content-Language", email.language());
        // RFC 5322 §3.3 date-time in UTC: Jakarta Mail's own Date header would show the JVM's zone.
        mime.setHeader("Date", DATE_HEADER.format(ZonedDateTime.now(ZoneOffset.UTC)));
        // Stable per notification: a retry after a crash is recognisably the same email.
        mime.setHeader("Message-ID", "<" + letter.notificationId() + "@museum-events>");
        return mime;
    }

    /**
     * Sends the messages in order over one SMTP connection (Spring's {@code
     * JavaMailSender.send(MimeMessage...)}, which reconnects if the server drops the connection),
     * and tells which did not go. A message refused by the server (e.g. a 550 to its recipient)
     * leaves the connection usable for the next; when the connection itself cannot be made, every
     * message not sent yet fails with that cause.
     *
     * @param messages messages from {@link #compose}
     * @return the messages that were not sent, each with why (Jakarta Mail's exception, for {@code
     *     SmtpFailures} to classify), by identity; empty when all were sent
     */
    public Map<MimeMessage, Exception> sendAll(List<MimeMessage> messages) {
        Map<MimeMessage, Exception> failed = new IdentityHashMap<>();
        if (messages.isEmpty()) {
            return failed;
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Without failed messages: the connection failed to close after every message went.
            e.getFailedMessages().forEach((message, cause) -> failed.put((MimeMessage) message, cause));
        } catch (MailException e) {
            // Authentication refused, or the messages could not be prepared: none went.
            messages.forEach(message -> failed.put(message, e));
        }
        return failed;
    }

    /**
     * The calendar entry in the email's language, with the next SEQUENCE for this event
     * (taken now, when the email is written: whatever was sent before, in whatever order the
     * notifications were planned, this one goes above it). None when the registrant was erased
     * meanwhile, or when it cannot be written: the email, with its join link, goes out without it
     * rather than fail.
     */
    private String calendarEntry(Letter letter, Locale locale) {
        OptionalLong sequence = calendarSequences.next(
                letter.event().id(),
                letter.registrant().registrationId(),
                letter.event().version());
        if (sequence.isEmpty()) {
            log.info("Email {} sent without its calendar entry: its registrant was erased", letter.notificationId());
            return null;
        }
        try {
            return calendar.write(letter, locale, messages, sequence.getAsLong());
        } catch (RuntimeException e) {
            log.warn(
                    "Email {} sent without its calendar entry ({})",
                    letter.notificationId(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * The subject and plain text of the letter as its registrant would receive it, nothing sent
     * and no calendar SEQUENCE taken (an organiser's preview of a message, issue 15).
     *
     * @return the subject and the plain-text part
     */
    public Preview preview(Letter letter) {
        Written email = write(letter);
        return new Preview(email.subject(), email.text());
    }

    /**
     * An email as written, not sent.
     *
     * @param subject its subject line
     * @param text its plain-text part
     */
    public record Preview(String subject, String text) {}

    Written write(Letter letter) {
        if (letter.kind() == EmailKind.MESSAGE || letter.kind() == EmailKind.FOLLOW_UP) {
            return writeMessage(letter);
        }
        EventSnapshot event = letter.event();
        String language = LANGUAGES.contains(letter.registrant().language())
                ? letter.registrant().language()
                : event.defaultLanguage();
        Locale locale = Locale.forLanguageTag(language);
        String title = event.title(language);
        String kind = letter.kind().name();
        String subject = messages.getMessage("subject." + kind, new Object[] {title}, locale);
        Integer position = letter.waitlistPosition();
        String intro = messages.getMessage(
                "intro." + kind + (letter.kind() == EmailKind.WAITLISTED && position == null ? ".noPosition" : ""),
                new Object[] {
                    title,
                    position == null ? "" : position.toString(),
                    startForRegistrant(event, letter.registrant().timeZone(), locale)
                },
                locale);

        Context context = new Context(locale);
        context.setVariable("lang", language);
        context.setVariable("subject", subject);
        context.setVariable("intro", intro);
        context.setVariable("name", letter.registrant().name());
        context.setVariable("title", title);
        String description = event.description(language);
        context.setVariable(
                "description", letter.kind().describesEvent() && !description.isBlank() ? description : null);
        context.setVariable("when", when(event, event.zone(), locale));
        context.setVariable(
                "whenLocal", whenForRegistrant(event, letter.registrant().timeZone(), locale));
        context.setVariable("venue", CalendarEntry.venue(event));
        boolean join = letter.joinDetails()
                && !letter.kind().withdrawsCalendarEntry()
                && !event.cancelled()
                && event.online()
                && event.meeting() != null
                && event.meeting().url() != null;
        context.setVariable("join", join ? event.meeting() : null);
        // Only what still applies: nothing to manage, join later or attend once the registration
        // is cancelled or rejected or the event cancelled, whatever kind of email tells it.
        boolean mayAttend = letter.mayAttend();
        context.setVariable(
                "joinLater",
                mayAttend
                        && event.online()
                        && !letter.registrant().confirmed()
                        && (letter.kind() == EmailKind.WAITLISTED || letter.kind() == EmailKind.PENDING));
        context.setVariable(
                "interpretation",
                event.interpretation().isEmpty() || !mayAttend
                        ? null
                        : String.join(
                                ", ",
                                event.interpretation().stream()
                                        .map(l -> Locale.forLanguageTag(l).getDisplayLanguage(locale))
                                        .toList()));
        // "See or cancel my registration" only while there is one to cancel.
        context.setVariable("manageUrl", mayAttend ? letter.registrant().manageUrl() : null);
        context.setVariable(
                "eventUrl",
                event.cancelled() || letter.kind().withdrawsCalendarEntry() ? null : properties.eventUrl(event.id()));
        String checkInCode = checkInCode(letter);
        context.setVariable("checkInCode", checkInCode);
        reconfirmationAndSubscription(letter, context);
        return new Written(
                language,
                subject,
                templates.process("email.txt", context),
                templates.process("email.html", context),
                checkInCode);
    }

    /**
     * Issue 17 (docs/api.md): the links an email of a reconfirmation, a release or a subscription's
     * registration carries, none of which is a meeting secret.
     *
     * <ul>
     *   <li>{@code RECONFIRMATION_REQUESTED} / {@code REMINDED}: "yes, I come" ({@code reconfirmUrl})
     *       and "no, free my place" ({@code declineUrl}), while the registrant is confirmed and the
     *       event on;
     *   <li>{@code RELEASED}: "take a place back" ({@code reconfirmUrl}), while still released and
     *       the event on;
     *   <li>the confirmation, waiting-list, pending and promotion emails of a registration made by a
     *       series subscription: a paragraph saying so, "not this one" (the manage page, which
     *       cancels this registration only) and "stop following" ({@code subscriptionUrl}).
     * </ul>
     *
     * The links are pages that POST on a button (a GET changes nothing): mail scanners may follow them.
     */
    private static void reconfirmationAndSubscription(Letter letter, Context context) {
        EmailKind kind = letter.kind();
        Registrant registrant = letter.registrant();
        boolean eventOn = !letter.event().cancelled();
        boolean asks = kind.asksReconfirmation() && registrant.confirmed() && eventOn;
        context.setVariable("reconfirmUrl", asks ? registrant.reconfirmUrl() : null);
        context.setVariable("declineUrl", asks ? registrant.declineUrl() : null);
        context.setVariable(
                "takeBackUrl",
                kind == EmailKind.RELEASED && registrant.status() == RegistrationStatus.RELEASED && eventOn
                        ? registrant.reconfirmUrl()
                        : null);
        boolean bySubscription = registrant.subscriptionId() != null
                && letter.mayAttend()
                && (kind == EmailKind.CONFIRMATION
                        || kind == EmailKind.WAITLISTED
                        || kind == EmailKind.PENDING
                        || kind == EmailKind.PROMOTED);
        context.setVariable("subscription", bySubscription);
        context.setVariable("notThisOneUrl", bySubscription ? registrant.manageUrl() : null);
        context.setVariable("stopFollowingUrl", bySubscription ? registrant.subscriptionUrl() : null);
    }

    /**
     * The start of the event, day and time, in the registrant's zone when they gave a valid one, else
     * in the event's, with the zone's id: "Tuesday 16 February 2027, 13:00 (Europe/Paris)".
     */
    static String startForRegistrant(EventSnapshot event, String timeZone, Locale locale) {
        ZoneId zone = event.zone();
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (RuntimeException e) {
                // Not a zone: the event's own.
            }
        }
        DateTimeFormatter day = DateTimeFormatter.ofPattern(
                "es".equals(locale.getLanguage()) ? "EEEE, d 'de' MMMM 'de' yyyy, HH:mm" : "EEEE d MMMM yyyy, HH:mm",
                locale);
        return day.format(event.startsAt().atZone(zone)) + " (" + zone.getId() + ")";
    }

    /**
     * The check-in code to show, as text and as a QR code (issue 16, docs/api.md): in the
     * confirmation, promotion and reminder emails of a confirmed registrant of an event held in
     * person or hybrid, while they may attend, when registration-service gave one; else null.
     */
    static String checkInCode(Letter letter) {
        EmailKind kind = letter.kind();
        boolean carries = kind == EmailKind.CONFIRMATION || kind == EmailKind.PROMOTED || kind == EmailKind.REMINDER;
        String code = letter.registrant().checkInCode();
        return carries
                        && letter.mayAttend()
                        && letter.registrant().confirmed()
                        && letter.event().inPerson()
                        && code != null
                        && !code.isBlank()
                ? code
                : null;
    }

    /**
     * An organiser's message (issue 15): the whole email, frame, subject and body, in one language
     * ({@link MessageText#languageFor}: the registrant's, else the event's default, else any, in which
     * both texts are given), placeholders
     * filled; the body, plain text, is escaped in the HTML part by the template like any other
     * text. Below it the event's title, time and place, and the links, as in the other emails; the
     * join details appear only through the placeholders, and only when {@link Letter#joinDetails()}
     * and the event is online with a meeting (the same rule as the other emails'), else empty.
     *
     * <p>An event's follow-up ({@link EmailKind#FOLLOW_UP}) is written the same way, except: its
     * subject is the service's ("After «title»", {@code subject.FOLLOW_UP}) in the language of the
     * text chosen, its text is written as given (no placeholders), its links follow the text (label
     * and URL, escaped in the HTML part by the template), and it offers neither the join details
     * nor the link to manage the registration: the event is over; but (issue 16) when the
     * follow-up offers attestations and the reader attended, it says theirs can be downloaded from
     * their registration's page, and links to it.
     */
    private Written writeMessage(Letter letter) {
        EventSnapshot event = letter.event();
        MessageText text = letter.message();
        String registrantLanguage = letter.registrant().language();
        // One language for the whole email (frame, subject, body): that of the texts chosen.
        String language = text.languageFor(registrantLanguage, event.defaultLanguage());
        if (!LANGUAGES.contains(language)) {
            language = event.defaultLanguage();
        }
        Locale locale = Locale.forLanguageTag(language);
        String title = event.title(language);
        boolean join = letter.joinDetails()
                && !event.cancelled()
                && event.online()
                && event.meeting() != null
                && event.meeting().url() != null;
        Map<String, String> values = new HashMap<>();
        values.put(
                "name",
                letter.registrant().name() == null ? "" : letter.registrant().name());
        values.put("event", title);
        values.put("start", when(event, event.zone(), locale));
        values.put("joinUrl", join ? event.meeting().url() : "");
        values.put(
                "meetingId",
                join && event.meeting().meetingId() != null ? event.meeting().meetingId() : "");
        values.put(
                "passcode",
                join && event.meeting().passcode() != null ? event.meeting().passcode() : "");
        boolean followUp = letter.kind() == EmailKind.FOLLOW_UP;
        String subject;
        String body;
        if (followUp) {
            subject = messages.getMessage("subject.FOLLOW_UP", new Object[] {title}, locale);
            body = text.body().getOrDefault(language, "");
        } else {
            String subjectLanguage = text.subject().containsKey(language)
                            && !org.museumevents.starter.input.TextRules.isBlank(
                                    text.subject().get(language))
                    ? language
                    : MessageText.languageOf(text.subject(), language, event.defaultLanguage());
            subject = MessageText.fill(text.subject().getOrDefault(subjectLanguage, ""), values);
            body = MessageText.fill(text.body().getOrDefault(language, ""), values);
        }
        // One line whatever a name or a title holds: a line break in a subject would let it write headers.
        subject = subject.replaceAll("[\r\n\u0085\u2028\u2029]+", " ").strip();
        body = body.replace("\r\n", "\n").replace('\r', '\n').strip();

        Context context = new Context(locale);
        context.setVariable("lang", language);
        context.setVariable("subject", subject);
        context.setVariable("intro", null);
        context.setVariable("body", body);
        context.setVariable("paragraphs", List.of(body.split("\n\\s*\n")));
        context.setVariable("name", letter.registrant().name());
        context.setVariable("title", title);
        context.setVariable("description", null);
        context.setVariable("when", when(event, event.zone(), locale));
        context.setVariable(
                "whenLocal", whenForRegistrant(event, letter.registrant().timeZone(), locale));
        context.setVariable("venue", CalendarEntry.venue(event));
        context.setVariable("join", null);
        context.setVariable("joinLater", false);
        context.setVariable("interpretation", null);
        context.setVariable("links", text.links().isEmpty() ? null : text.links());
        // The plain-text part: each link as its label, then its URL on a line of its own.
        context.setVariable(
                "linksText",
                text.links().isEmpty()
                        ? null
                        : String.join(
                                "\n\n",
                                text.links().stream()
                                        .map(link -> link.label() + "\n" + link.url())
                                        .toList()));
        boolean mayAttend = letter.mayAttend() && !followUp;
        // Issue 16: the attestation is downloaded from the registration's page, which the link opens.
        context.setVariable(
                "attestationUrl",
                followUp && text.attestation() ? letter.registrant().manageUrl() : null);
        context.setVariable("manageUrl", mayAttend ? letter.registrant().manageUrl() : null);
        context.setVariable("eventUrl", event.cancelled() ? null : properties.eventUrl(event.id()));
        context.setVariable("checkInCode", null);
        return new Written(
                language,
                subject,
                templates.process("email.txt", context),
                templates.process("email.html", context),
                null);
    }

    /**
     * "Tuesday 16 February 2027, 13:00 – 14:30 (Europe/Paris)" in the reader's language; Spanish
     * writes "martes, 16 de febrero de 2027".
     */
    static String when(EventSnapshot event, ZoneId zone, Locale locale) {
        ZonedDateTime start = event.startsAt().atZone(zone);
        ZonedDateTime end = event.endsAt().atZone(zone);
        DateTimeFormatter day = DateTimeFormatter.ofPattern(
                "es".equals(locale.getLanguage()) ? "EEEE, d 'de' MMMM 'de' yyyy, HH:mm" : "EEEE d MMMM yyyy, HH:mm",
                locale);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH:mm", locale);
        String until = start.toLocalDate().equals(end.toLocalDate()) ? hour.format(end) : day.format(end);
        return day.format(start) + " – " + until + " (" + zone.getId() + ")";
    }

    /** The same in the registrant's zone, when it shows another time than the event's own. */
    static String whenForRegistrant(EventSnapshot event, String timeZone, Locale locale) {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return null;
        }
        boolean sameTime = event.startsAt()
                .atZone(zone)
                .toLocalDateTime()
                .equals(event.startsAt().atZone(event.zone()).toLocalDateTime());
        return sameTime ? null : when(event, zone, locale);
    }

    /**
     * @param checkInCode the check-in code the email shows, to draw as its inline QR code; null when none
     */
    record Written(String language, String subject, String text, String html, String checkInCode) {}
}

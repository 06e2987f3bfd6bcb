package org.museumevents.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.FollowUp;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/**
 * Issue 12: every email kind, written in every language for a registration in every status and an
 * event on or cancelled (subject, plain text and HTML), and every message of every bundle, keep one
 * typographic convention per language, and no email offers an action that no longer applies. A new
 * message or template line that breaks either fails the build.
 *
 * <p>French: a NARROW NO-BREAK SPACE (U+202F) before {@code : ; ! ?} and inside {@code « »}, as the
 * gateway writes it; English and Spanish: no space before them. Times ({@code 13:00}) and URLs are
 * not punctuation; the event's own texts (its title...) are the organisers' and stay as they wrote
 * them, so these fixtures have none of those signs.
 */
class EmailTextsTest {

    static final List<String> LANGUAGES = List.of("fr", "en", "es");
    static final String MANAGE_URL = "https://events.example.org/registrations/r1?token=secret";
    static final String JOIN_URL = "https://meet.example.org/j/823";
    static final String PASSCODE = "010934";

    private final EmailProperties properties =
            new EmailProperties("Museum Events <no-reply@museum-events.org>", "https://events.example.org");
    private final Mailer mailer = new Mailer(null, properties, new CalendarEntry(properties), null);

    static EventSnapshot event(String status) {
        LocalDateTime start = LocalDateTime.parse("2027-02-16T13:00");
        return new EventSnapshot(
                UUID.randomUUID(),
                "icom-france",
                status,
                Map.of("fr", "Atelier numérique", "en", "Digital workshop", "es", "Taller digital"),
                Map.of("fr", "Une visite guidée", "en", "A guided tour", "es", "Una visita guiada"),
                "fr",
                "HYBRID",
                start,
                start.plusMinutes(90),
                "Europe/Paris",
                new EventSnapshot.Venue("La Coursive", "2 rue Boutaric", "Dijon", "FR"),
                new EventSnapshot.Meeting(JOIN_URL, "823 4286 1023", PASSCODE),
                List.of("en", "es"),
                List.of("P1D"),
                null,
                null,
                2,
                null);
    }

    /** An organiser's message with every placeholder, in the three languages. */
    static final MessageText MESSAGE = new MessageText(
            Map.of("fr", "Bientôt {event}", "en", "Soon {event}", "es", "Pronto {event}"),
            Map.of(
                    "fr", "Bonjour {name},\n\nnous vous attendons le {start}.\n\n{joinUrl} {meetingId} {passcode}",
                    "en", "Hello {name},\n\nsee you on {start}.\n\n{joinUrl} {meetingId} {passcode}",
                    "es", "Hola {name},\n\nle esperamos el {start}.\n\n{joinUrl} {meetingId} {passcode}"));

    /** An event's follow-up in the three languages, with two links (one with markup to escape). */
    static final MessageText FOLLOW_UP = new MessageText(
            Map.of(),
            Map.of(
                    "fr", "Merci d’avoir suivi le débat.\n\nLa prochaine séance aura lieu le 16 mars.",
                    "en", "Thank you for joining the debate.\n\nThe next session is on 16 March.",
                    "es", "Gracias por seguir el debate.\n\nLa próxima sesión será el 16 de marzo."),
            List.of(
                    new FollowUp.Link("The recording", "https://video.example.org/solidarity-4"),
                    new FollowUp.Link("<b>Survey</b>", "https://survey.example.org/s/4?lang=fr&x=1")));

    static Letter letter(
            EmailKind kind, RegistrationStatus status, EventSnapshot event, String language, Integer position) {
        Registrant registrant = new Registrant(
                UUID.randomUUID(),
                event.id(),
                status,
                "Ada",
                "ada@example.org",
                null,
                language,
                "America/New_York",
                MANAGE_URL,
                position);
        // As the dispatcher decides it: join details only while confirmed and the event on.
        boolean join = (kind.carriesJoinDetails() || kind == EmailKind.MESSAGE)
                && status == RegistrationStatus.CONFIRMED
                && !event.cancelled();
        return new Letter(
                UUID.randomUUID(),
                kind,
                event,
                registrant,
                "ada@example.org",
                join,
                false,
                position,
                kind == EmailKind.MESSAGE ? MESSAGE : kind == EmailKind.FOLLOW_UP ? FOLLOW_UP : null);
    }

    /** Every kind × registration status × event on or cancelled × language, a waiting list with and without a position. */
    List<Rendered> everyEmail() {
        List<Rendered> all = new ArrayList<>();
        for (String eventStatus : List.of("PUBLISHED", "CANCELLED")) {
            EventSnapshot event = event(eventStatus);
            for (EmailKind kind : EmailKind.values()) {
                for (RegistrationStatus status : RegistrationStatus.values()) {
                    for (String language : LANGUAGES) {
                        for (Integer position : kind == EmailKind.WAITLISTED ? List.of(3, -1) : List.of(-1)) {
                            Letter letter = letter(kind, status, event, language, position < 0 ? null : position);
                            all.add(new Rendered(
                                    kind + " to a " + status + " registrant of a " + eventStatus + " event, in "
                                            + language + (position > 0 ? ", position " + position : ""),
                                    letter,
                                    mailer.write(letter)));
                        }
                    }
                }
            }
        }
        return all;
    }

    record Rendered(String what, Letter letter, Mailer.Written email) {}

    @Test
    void everyEmailKeepsItsLanguagesTypography() {
        List<String> breaches = new ArrayList<>();
        for (Rendered r : everyEmail()) {
            String language = r.email().language();
            breaches.addAll(
                    Typography.breaches(r.what() + ", subject", r.email().subject(), language));
            breaches.addAll(Typography.breaches(r.what() + ", text", r.email().text(), language));
            breaches.addAll(Typography.breaches(
                    r.what() + ", html", Typography.textOfHtml(r.email().html()), language));
            for (String part :
                    List.of(r.email().subject(), r.email().text(), r.email().html())) {
                if (part.contains("??")) {
                    breaches.add(r.what() + ": a message is missing: " + part);
                }
            }
        }
        assertThat(breaches).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_fr.properties", "messages_es.properties"})
    void everyMessageKeepsItsLanguagesTypography(String bundle) {
        String language = bundle.equals("messages.properties") ? "en" : bundle.substring(9, 11);
        Properties messages = load(bundle);
        List<String> breaches = new ArrayList<>();
        messages.forEach(
                (key, value) -> breaches.addAll(Typography.breaches(bundle + " " + key, (String) value, language)));
        assertThat(messages).isNotEmpty();
        assertThat(breaches).isEmpty();
    }

    private static Properties load(String bundle) {
        Properties messages = new Properties();
        try (InputStream in = EmailTextsTest.class.getResourceAsStream("/mail/" + bundle)) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    private static Properties bundle(String language) {
        return load(language.equals("en") ? "messages.properties" : "messages_" + language + ".properties");
    }

    @Test
    void noEmailAboutAnEndedRegistrationOrACancelledEventOffersWhatNoLongerApplies() {
        List<String> breaches = new ArrayList<>();
        int stillActive = 0;
        for (Rendered r : everyEmail()) {
            Letter letter = r.letter();
            boolean ended = letter.event().cancelled()
                    || !letter.registrant().active()
                    || letter.kind() == EmailKind.CANCELLED
                    || letter.kind() == EmailKind.REJECTED
                    || letter.kind() == EmailKind.EVENT_CANCELLED
                    || letter.kind() == EmailKind.RELEASED;
            String everything =
                    r.email().subject() + r.email().text() + r.email().html();
            if (ended) {
                for (String offer : List.of(MANAGE_URL, "registrations/r1", JOIN_URL, PASSCODE)) {
                    if (everything.contains(offer)) {
                        breaches.add(r.what() + " offers " + offer);
                    }
                }
                if (everything.contains(bundle(r.email().language()).getProperty("label.joinLater"))) {
                    breaches.add(r.what() + " promises the join link");
                }
                if (letter.event().cancelled()
                        && everything.contains("/events/" + letter.event().id())) {
                    breaches.add(r.what() + " links the cancelled event's page");
                }
            } else if (everything.contains(MANAGE_URL)) {
                stillActive++;
            }
        }
        assertThat(breaches).isEmpty();
        // Not vacuous: the emails of a registration still on keep the link to manage it (10 of
        // them, counting the waiting list twice, an organiser's message and issue 17's two
        // reconfirmation questions, × 3 active statuses × 3 languages).
        assertThat(stillActive).isEqualTo(90);
    }

    /**
     * Issue 15: a follow-up is titled after the event in the text's language, carries the text and
     * each link (label and URL; the label escaped in the HTML part), and neither join details nor
     * the link to manage the registration: the event is over.
     */
    @Test
    void aFollowUpCarriesItsTextAndLinksAndNothingToJoinOrManage() {
        EventSnapshot event = event("PUBLISHED");
        Mailer.Written english =
                mailer.write(letter(EmailKind.FOLLOW_UP, RegistrationStatus.CONFIRMED, event, "en", null));
        assertThat(english.subject()).isEqualTo("After \u201cDigital workshop\u201d");
        assertThat(english.text())
                .contains("Thank you for joining the debate.\n\nThe next session is on 16 March.")
                .contains("The recording\nhttps://video.example.org/solidarity-4\n\n<b>Survey</b>\n"
                        + "https://survey.example.org/s/4?lang=fr&x=1");
        assertThat(english.html())
                .contains("<a href=\"https://survey.example.org/s/4?lang=fr&amp;x=1\"")
                .contains("&lt;b&gt;Survey&lt;/b&gt;")
                .doesNotContain("<b>Survey");
        Mailer.Written french =
                mailer.write(letter(EmailKind.FOLLOW_UP, RegistrationStatus.CONFIRMED, event, "fr", null));
        for (Mailer.Written email : List.of(english, french)) {
            assertThat(email.subject() + email.text() + email.html())
                    .doesNotContain(JOIN_URL)
                    .doesNotContain(PASSCODE)
                    .doesNotContain(MANAGE_URL);
        }
        assertThat(french.subject()).isEqualTo("Après «\u202fAtelier numérique\u202f»");
        assertThat(french.text()).contains("Merci d’avoir suivi le débat.");
    }

    /**
     * Issue 16: a reminder of an in-person or hybrid event carries the registrant's check-in code
     * (the text, and the code the QR image is drawn from), as confirmations and promotions do
     * ({@code CheckInQrCodeEmailsTest} sends those through the real mail server); a waiting-list
     * registrant's does not. With REMINDER left out of {@code Mailer#checkInCode} it failed with
     * "expected: \"pQ7rX2mK9vB4nL8sT1wZcA\" but was: null".
     */
    @Test
    void aReminderOfAHybridEventCarriesTheCheckInCode() {
        EventSnapshot event = event("PUBLISHED");
        String code = "pQ7rX2mK9vB4nL8sT1wZcA";
        Letter reminder = letter(EmailKind.REMINDER, RegistrationStatus.CONFIRMED, event, "fr", null);
        Letter withCode = new Letter(
                reminder.notificationId(),
                reminder.kind(),
                reminder.event(),
                withCode(reminder.registrant(), code),
                reminder.recipient(),
                reminder.joinDetails(),
                reminder.calendar(),
                reminder.waitlistPosition(),
                reminder.message());
        Mailer.Written written = mailer.write(withCode);
        assertThat(written.checkInCode()).isEqualTo(code);
        assertThat(written.text()).contains(code);

        Letter waiting = letter(EmailKind.REMINDER, RegistrationStatus.WAITLISTED, event, "fr", 2);
        Mailer.Written notConfirmed = mailer.write(new Letter(
                waiting.notificationId(),
                waiting.kind(),
                waiting.event(),
                withCode(waiting.registrant(), code),
                waiting.recipient(),
                waiting.joinDetails(),
                waiting.calendar(),
                waiting.waitlistPosition(),
                waiting.message()));
        assertThat(notConfirmed.checkInCode()).isNull();
        assertThat(notConfirmed.text()).doesNotContain(code);
    }

    private static Registrant withCode(Registrant r, String code) {
        return new Registrant(
                r.registrationId(),
                r.eventId(),
                r.status(),
                r.name(),
                r.email(),
                r.organisation(),
                r.language(),
                r.timeZone(),
                r.manageUrl(),
                r.waitlistPosition(),
                code);
    }

    /** The typographic conventions, one per language. */
    static final class Typography {

        private static final String PUNCTUATION = ":;!?";
        private static final char NNBSP = '\u202f';

        static List<String> breaches(String where, String text, String language) {
            // Times (13:00), URLs and message placeholders are not prose.
            String prose = text.replaceAll("https?://\\S+", "URL")
                    .replaceAll("(\\d)[:.](\\d)", "$1h$2")
                    .replaceAll("\\{\\d+\\}", "X");
            List<String> breaches = new ArrayList<>();
            for (int i = 0; i < prose.length(); i++) {
                char c = prose.charAt(i);
                char before = i == 0 ? '\n' : prose.charAt(i - 1);
                char after = i + 1 == prose.length() ? '\n' : prose.charAt(i + 1);
                String context = where + ": …"
                        + prose.substring(Math.max(0, i - 20), Math.min(prose.length(), i + 10))
                                .replace(NNBSP, '⍽') + "…";
                if (language.equals("fr")) {
                    if (PUNCTUATION.indexOf(c) >= 0 && before != NNBSP) {
                        breaches.add(context + " needs U+202F before '" + c + "'");
                    } else if (c == '«' && after != NNBSP) {
                        breaches.add(context + " needs U+202F after «");
                    } else if (c == '»' && before != NNBSP) {
                        breaches.add(context + " needs U+202F before »");
                    }
                } else if (PUNCTUATION.indexOf(c) >= 0 && Character.isSpaceChar(before)) {
                    breaches.add(context + " has a space before '" + c + "'");
                }
            }
            return breaches;
        }

        /** The text of an HTML part: no tags (their attributes hold CSS), entities as one letter. */
        static String textOfHtml(String html) {
            return html.replaceAll("(?s)<[^>]*>", " ").replaceAll("&[#a-zA-Z0-9]+;", "E");
        }
    }
}

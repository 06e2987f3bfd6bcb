package org.museumevents.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Issue 12, time zones: an email says the same whatever the JVM's default zone and locale (the
 * suite runs in Pacific/Auckland; a server may run in any zone, or a Turkish locale whose
 * upper-case i is dotted): times come from the event's and the registrant's zones, words from the
 * registrant's language, never from the machine.
 */
class DefaultZoneAndLocaleTest {

    private final EmailProperties properties =
            new EmailProperties("Museum Events <no-reply@museum-events.org>", "https://events.example.org");

    /** Every kind in every language for a confirmed registrant, the same letters each time. */
    private List<String> everyEmail(List<Letter> letters) {
        CalendarEntry calendar = new CalendarEntry(properties);
        Mailer mailer = new Mailer(null, properties, calendar, null);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("mail/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        List<String> written = new ArrayList<>();
        for (Letter letter : letters) {
            Mailer.Written email = mailer.write(letter);
            // The attachment too, but for DTSTAMP, the moment it is written (RFC 5545 §3.8.7.2).
            String entry = calendar.write(letter, Locale.forLanguageTag(email.language()), messages, 7)
                    .replaceAll("DTSTAMP:[0-9TZ]+\r\n", "");
            written.add(
                    email.language() + "|" + email.subject() + "|" + email.text() + "|" + email.html() + "|" + entry);
        }
        return written;
    }

    @Test
    void anEmailSaysTheSameWhateverTheMachinesZoneAndLocale() {
        EventSnapshot event = EmailTextsTest.event("PUBLISHED");
        List<Letter> letters = new ArrayList<>();
        for (EmailKind kind : EmailKind.values()) {
            for (String language : EmailTextsTest.LANGUAGES) {
                letters.add(EmailTextsTest.letter(kind, RegistrationStatus.CONFIRMED, event, language, 3));
            }
        }
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            Locale.setDefault(Locale.ENGLISH);
            List<String> reference = everyEmail(letters);
            assertThat(reference).anySatisfy(e -> assertThat(e).contains("13:00", "07:00 – 08:30 (America/New_York)"));
            for (String otherZone : List.of("Pacific/Auckland", "America/Los_Angeles", "Asia/Kathmandu")) {
                for (Locale otherLocale :
                        List.of(Locale.forLanguageTag("tr-TR"), Locale.JAPAN, Locale.forLanguageTag("ar-EG"))) {
                    TimeZone.setDefault(TimeZone.getTimeZone(otherZone));
                    Locale.setDefault(otherLocale);
                    assertThat(everyEmail(letters))
                            .as(otherZone + ", " + otherLocale)
                            .isEqualTo(reference);
                }
            }
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }
}

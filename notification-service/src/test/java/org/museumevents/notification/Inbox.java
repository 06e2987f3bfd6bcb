package org.museumevents.notification;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.museumevents.testsupport.TestServers;

/** What GreenMail received, per recipient (addresses are unique per test: the SMTP server is shared). */
final class Inbox {

    private Inbox() {}

    static List<Email> to(String address) {
        List<Email> emails = new ArrayList<>();
        for (MimeMessage message : TestServers.smtp().getReceivedMessages()) {
            try {
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) {
                    emails.add(Email.of(message));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return emails;
    }

    /** The emails to {@code address}, whatever the case of its letters, in the order received. */
    static List<Email> toIgnoringCase(String address) {
        List<Email> emails = new ArrayList<>();
        for (MimeMessage message : TestServers.smtp().getReceivedMessages()) {
            try {
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                if (to != null
                        && Arrays.stream(to).anyMatch(a -> a.toString()
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains(address.toLowerCase(java.util.Locale.ROOT)))) {
                    emails.add(Email.of(message));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return emails;
    }

    /** Waits for {@code count} emails to {@code address}, then returns them all. */
    static List<Email> await(String address, int count) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> to(address).size() >= count);
        return to(address);
    }

    /** Waits for the one email to {@code address}. */
    static Email awaitOne(String address) {
        return await(address, 1).get(0);
    }

    record Email(
            String subject, String messageId, String date, String language, String text, String html, String calendar) {

        static Email of(MimeMessage message) throws MessagingException, IOException {
            Parts parts = new Parts();
            parts.collect(message);
            return new Email(
                    message.getSubject(),
                    message.getMessageID(),
                    message.getHeader("Date", null),
                    message.getHeader("Content-Language", null),
                    parts.text,
                    parts.html,
                    parts.calendar);
        }

        /** Every decoded text of the email, attachment included. */
        String everything() {
            return subject + "\n" + text + "\n" + html + "\n" + (calendar == null ? "" : calendar);
        }

        Calendar parsedCalendar() {
            try {
                return new CalendarBuilder().build(new StringReader(calendar));
            } catch (IOException | ParserException e) {
                throw new IllegalStateException(e);
            }
        }

        Optional<String> calendarProperty(String name) {
            return parsedCalendar().getProperty(name).map(p -> ((Property) p).getValue());
        }

        Optional<String> eventProperty(String name) {
            Optional<VEvent> event = parsedCalendar().getComponent("VEVENT");
            return event.flatMap(c -> c.getProperty(name)).map(p -> ((Property) p).getValue());
        }
    }

    private static final class Parts {
        String text;
        String html;
        String calendar;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    collect(body);
                }
            } else if (part.isMimeType("text/calendar")) {
                calendar = content(part);
            } else if (part.isMimeType("text/html")) {
                html = content(part);
            } else if (part.isMimeType("text/plain")) {
                text = content(part);
            }
        }

        private static String content(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            try (InputStream in = (InputStream) content) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

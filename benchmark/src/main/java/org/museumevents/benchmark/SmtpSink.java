package org.museumevents.benchmark;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The SMTP server notification-service sends to during the benchmark (GreenMail): it notes each
 * email's recipient, Message-ID, subject and arrival time, and keeps nothing else, so that tens of
 * thousands of emails cost no memory.
 */
final class SmtpSink implements AutoCloseable {

    /**
     * One email as it reached the server.
     *
     * @param recipient the envelope recipient, lower case
     * @param messageId the Message-ID header (notification-service's notification id: a resent
     *     email has the same one)
     * @param subject the Subject header
     * @param at when the server accepted it (wall clock)
     * @param nanos the same moment on this JVM's monotonic clock ({@link System#nanoTime()})
     */
    record Arrival(String recipient, String messageId, String subject, Instant at, long nanos) {}

    private final GreenMail server;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    final int port;

    SmtpSink(int port) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.getUserManager().setMessageDeliveryHandler((message, address) -> {
            note(message, address.getEmail());
            return Discard.USER;
        });
        server.start();
    }

    private void note(MovingMessage message, String recipient) throws MessagingException {
        long nanos = System.nanoTime();
        Instant at = Instant.now();
        MimeMessage mime = message.getMessage();
        arrivals.add(new Arrival(
                recipient.toLowerCase(Locale.ROOT), mime.getMessageID(), String.valueOf(mime.getSubject()), at, nanos));
    }

    /** The emails that arrived so far to recipients matching the filter, in order of arrival. */
    List<Arrival> arrivals(Predicate<Arrival> filter) {
        return arrivals.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Where every email goes once noted: nowhere. */
    private enum Discard implements GreenMailUser {
        USER;

        @Override
        public String getEmail() {
            return "sink@localhost";
        }

        @Override
        public String getLogin() {
            return "sink";
        }

        @Override
        public void deliver(MovingMessage msg) {}

        @Override
        public void deliver(MimeMessage msg) {}

        @Override
        public void create() {}

        @Override
        public void delete() {}

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {}

        @Override
        public void authenticate(String password) {}

        @Override
        public String getQualifiedMailboxName() {
            return "sink";
        }
    }
}

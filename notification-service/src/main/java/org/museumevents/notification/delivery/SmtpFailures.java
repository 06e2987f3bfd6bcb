package org.museumevents.notification.delivery;

import jakarta.mail.MessagingException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a permanent SMTP refusal of one email from a failure worth retrying, by the reply codes of
 * RFC 5321 §4.2.1: a 5yz reply is a permanent negative completion ("the same request will fail
 * again"), a 4yz reply a transient one; a failure without a reply (no connection, a timeout, a
 * dropped link) is transient too.
 *
 * <p>Permanent, so the email ends FAILED at once:
 *
 * <ul>
 *   <li>a 5yz reply to {@code RCPT TO} (Jakarta Mail's {@link SMTPAddressFailedException}, e.g. 550
 *       mailbox unavailable, 553 mailbox name not allowed, 556 domain accepts no mail (RFC 7504)),
 *       except 552, which RFC 5321 §4.5.3.1.10 asks clients to take as the transient 452;
 *   <li>a 5yz reply to the message itself, after {@code DATA} ({@link SMTPSendFailedException}, e.g.
 *       554 transaction failed).
 * </ul>
 *
 * <p>Not permanent for the email, although 5yz: a refusal of our sender ({@code MAIL FROM}, {@link
 * SMTPSenderFailedException}) or of our authentication (530, 534, 535, 538, RFC 4954 §6): they say
 * nothing about this email or its recipient, only that the relay is misconfigured, and every email
 * would fail alike; those keep retrying until the give-up time.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    /**
     * @param failure what {@code JavaMailSender.send} threw (Spring's {@link MailSendException}
     *     wrapping Jakarta Mail's exceptions, or one of those)
     * @return the SMTP reply code (e.g. 550) when the server refused this email for good; 0 when
     *     the failure is transient or not a refusal
     */
    static int permanentReplyCode(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SMTPSenderFailedException) {
                continue;
            }
            int code = t instanceof SMTPAddressFailedException address
                    ? address.getReturnCode()
                    : t instanceof SMTPSendFailedException send ? send.getReturnCode() : 0;
            boolean recipient = t instanceof SMTPAddressFailedException;
            if (code >= 500 && code < 600 && !authentication(code) && !(recipient && code == 552)) {
                return code;
            }
        }
        return 0;
    }

    private static boolean authentication(int code) {
        return code == 530 || code == 534 || code == 535 || code == 538;
    }

    /** The failure, its causes, Jakarta Mail's next exceptions and Spring's per-message exceptions. */
    private static Set<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        push(todo, failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            push(todo, t.getCause());
            if (t instanceof MessagingException messaging) {
                push(todo, messaging.getNextException());
            }
            if (t instanceof MailSendException send) {
                for (Exception e : send.getMessageExceptions()) {
                    push(todo, e);
                }
            }
        }
        return seen;
    }

    private static void push(Deque<Throwable> todo, Throwable t) {
        if (t != null) {
            todo.push(t);
        }
    }
}

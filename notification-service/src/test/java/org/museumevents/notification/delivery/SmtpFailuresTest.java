package org.museumevents.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mail.MailSendException;

/**
 * Which SMTP failures end an email at once, as Spring's JavaMailSender reports them: Jakarta Mail's
 * {@code SendFailedException("Invalid Addresses")} chaining one SMTPAddressFailedException per
 * refused recipient, wrapped in a MailSendException per message. The exchanges on a real server are
 * in AddressDeliveryTest; these are the ones a test server cannot easily give (our sender refused,
 * authentication).
 */
class SmtpFailuresTest {

    static InternetAddress ada() throws Exception {
        return new InternetAddress("ada@example.org");
    }

    /** As Spring wraps a refused recipient: MailSendException → SendFailedException → SMTPAddressFailedException. */
    static MailSendException refusedRecipient(int code) throws Exception {
        SendFailedException invalid = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(ada(), "RCPT TO:<ada@example.org>", code, code + " refused"));
        return new MailSendException(Map.of(new Object(), invalid));
    }

    @ParameterizedTest
    @CsvSource({"550, 550", "551, 551", "553, 553", "556, 556", "450, 0", "451, 0", "452, 0", "552, 0", "530, 0"})
    void aRecipientRefusedWithA5yzReplyOtherThan552IsPermanent(int code, int permanent) throws Exception {
        assertThat(SmtpFailures.permanentReplyCode(refusedRecipient(code))).isEqualTo(permanent);
    }

    @Test
    void aMessageRefusedAfterDataWithA5yzReplyIsPermanent() throws Exception {
        MessagingException data = new SMTPSendFailedException("DATA", 554, "554 5.7.1 refused", null, null, null, null);
        assertThat(SmtpFailures.permanentReplyCode(new MailSendException(Map.of(new Object(), data))))
                .isEqualTo(554);
    }

    @Test
    void ourSenderRefusedOrNotAuthenticatedKeepsRetrying() throws Exception {
        MessagingException sender = new SMTPSenderFailedException(
                new InternetAddress("no-reply@museum-events.org"), "MAIL FROM", 550, "550");
        assertThat(SmtpFailures.permanentReplyCode(new MailSendException(Map.of(new Object(), sender))))
                .isZero();
        MessagingException auth = new SMTPSendFailedException("DATA", 535, "535 5.7.8", null, null, null, null);
        assertThat(SmtpFailures.permanentReplyCode(auth)).isZero();
    }

    @Test
    void noReplyAtAllKeepsRetrying() {
        MailSendException connection = new MailSendException(
                "Mail server connection failed", new MessagingException("Could not connect", new ConnectException()));
        assertThat(SmtpFailures.permanentReplyCode(connection)).isZero();
        assertThat(SmtpFailures.permanentReplyCode(new IllegalStateException("x")))
                .isZero();
    }
}

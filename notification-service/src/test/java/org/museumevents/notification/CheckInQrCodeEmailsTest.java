package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.testsupport.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * The check-in code in emails (issue 16): an inline PNG QR code (Content-ID {@code checkin-qr}) that
 * ZXing's reader decodes to exactly the registration's code, and the code as text, in the
 * confirmation and promotion emails (the reminder's rule is the same, {@code Mailer#checkInCode}) of an event held in person or hybrid; never for an
 * online event, a waiting list, in the delivery log or in the logs; erasure clears it.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CheckInQrCodeEmailsTest {

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    JdbcClient jdbc;

    /** The example event, held at a venue: in person, or hybrid. */
    private static UUID eventIn(String format) {
        UUID eventId = UUID.randomUUID();
        ObjectNode message = catalog("EventPublished", eventId);
        event(message).put("format", format);
        ObjectNode venue = event(message).putObject("venue");
        venue.put("name", "Musée des Confluences");
        venue.put("address", "86 quai Perrache");
        venue.put("city", "Lyon");
        venue.put("country", "FR");
        if ("IN_PERSON".equals(format)) {
            event(message).putNull("meeting");
        }
        publish(message);
        return eventId;
    }

    private static String code() {
        // 22 base64url characters, as registration-service draws them.
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    @Test
    void confirmationAndReminderOfAnInPersonEventCarryTheQrCodeOfTheCode(CapturedOutput output) throws Exception {
        UUID eventId = eventIn("IN_PERSON");
        UUID registrationId = UUID.randomUUID();
        String email = unique("qr");
        String code = code();
        ObjectNode confirmed = registration("RegistrationConfirmed", eventId, registrationId, email);
        confirmed.put("checkInCode", code);
        announce(confirmed);

        Inbox.awaitOne(email);
        MimeMessage confirmation = received(email).get(0);
        assertThat(qrCodes(confirmation)).containsExactly(code);
        Inbox.Email mail = Inbox.Email.of(confirmation);
        assertThat(mail.text()).contains("Présentez ce code à l’entrée (sur écran ou imprimé)\u202f: " + code);
        assertThat(mail.html()).contains("src=\"cid:checkin-qr\"", code, "Votre code d’entrée");

        // Never in the delivery log nor in the logs.
        assertThat(log.of(eventId).toString()).doesNotContain(code);
        assertThat(output.getAll()).doesNotContain(code);

        // Erasure clears the stored code.
        announce(Examples.erased(eventId, registrationId));
        await().untilAsserted(() -> assertThat(
                        jdbc.sql("SELECT count(*) FROM registrant WHERE registration_id = :id AND check_in_code IS NULL"
                                        + " AND erased_at IS NOT NULL")
                                .param("id", registrationId)
                                .query(Long.class)
                                .single())
                .isEqualTo(1));
    }

    @Test
    void aPromotionOfAHybridEventCarriesItInSpanishButNotTheWaitingListsEmail() throws Exception {
        UUID eventId = eventIn("HYBRID");
        UUID registrationId = UUID.randomUUID();
        String email = unique("promoted");
        String code = code();
        ObjectNode waitlisted = registration("RegistrationWaitlisted", eventId, registrationId, email);
        waitlisted.put("language", "es");
        announce(waitlisted);
        Inbox.awaitOne(email);
        assertThat(qrCodes(received(email).get(0))).isEmpty();
        assertThat(Inbox.to(email).get(0).text()).doesNotContain("Muestre este código");

        ObjectNode promoted = registration("RegistrationPromoted", eventId, registrationId, email);
        promoted.put("language", "es");
        promoted.put("checkInCode", code);
        announce(promoted);
        Inbox.await(email, 2);
        MimeMessage promotion = received(email).get(1);
        assertThat(qrCodes(promotion)).containsExactly(code);
        assertThat(Inbox.Email.of(promotion).text())
                .contains("Muestre este código en la entrada (en pantalla o impreso): " + code);
    }

    @Test
    void anOnlineEventsConfirmationHasNoQrCode() throws Exception {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId)); // ONLINE
        String email = unique("online");
        ObjectNode confirmed = registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email);
        confirmed.put("checkInCode", code());
        announce(confirmed);
        Inbox.awaitOne(email);
        assertThat(qrCodes(received(email).get(0))).isEmpty();
        assertThat(Inbox.to(email).get(0).html()).doesNotContain("cid:checkin-qr");
    }

    private static List<MimeMessage> received(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : TestServers.smtp().getReceivedMessages()) {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) {
                found.add(message);
            }
        }
        return found;
    }

    /** What ZXing's reader decodes from each inline image with Content-ID {@code <checkin-qr>}. */
    private static List<String> qrCodes(Part part) throws Exception {
        List<String> codes = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                codes.addAll(qrCodes(multipart.getBodyPart(i)));
            }
        } else if (part.isMimeType("image/png")) {
            assertThat(((BodyPart) part).getHeader("Content-ID")).containsExactly("<checkin-qr>");
            assertThat(part.getDisposition()).isEqualTo(Part.INLINE);
            byte[] png;
            try (InputStream in = part.getInputStream()) {
                png = in.readAllBytes();
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            // The image is a pure QR code (no photo): told so, ZXing reads it without searching for
            // finder patterns, which failed on some random codes in CI (NotFoundException).
            codes.add(new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                            java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                    .getText());
        }
        return codes;
    }
}

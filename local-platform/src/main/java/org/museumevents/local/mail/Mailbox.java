package org.museumevents.local.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.museumevents.local.servers.Smtp;
import org.springframework.stereotype.Component;

/** Reads the emails the SMTP server received, numbered from 1 in the order they arrived. */
@Component
class Mailbox {

    private final Smtp smtp;

    Mailbox(Smtp smtp) {
        this.smtp = smtp;
    }

    /** Newest first. */
    List<Email> all() {
        List<MimeMessage> received = smtp.received();
        List<Email> emails = new ArrayList<>();
        for (int i = received.size() - 1; i >= 0; i--) {
            emails.add(read(i + 1, received.get(i)));
        }
        return emails;
    }

    Optional<Email> find(int number) {
        return message(number).map(message -> read(number, message));
    }

    /** The content of an attachment, by its number in {@link Email#attachments()}. */
    Optional<byte[]> attachment(int number, int attachment) {
        return message(number).flatMap(message -> {
            List<Part> parts = new ArrayList<>();
            walk(message, new Content(), parts);
            if (attachment < 1 || attachment > parts.size()) {
                return Optional.empty();
            }
            try (InputStream in = parts.get(attachment - 1).getInputStream()) {
                return Optional.of(in.readAllBytes());
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException("Unreadable attachment", e);
            }
        });
    }

    private Optional<MimeMessage> message(int number) {
        List<MimeMessage> received = smtp.received();
        return number < 1 || number > received.size() ? Optional.empty() : Optional.of(received.get(number - 1));
    }

    private Email read(int number, MimeMessage message) {
        try {
            Content content = new Content();
            List<Part> attachments = new ArrayList<>();
            walk(message, content, attachments);
            List<Email.Attachment> described = new ArrayList<>();
            for (int i = 0; i < attachments.size(); i++) {
                Part part = attachments.get(i);
                described.add(new Email.Attachment(
                        i + 1,
                        fileName(part, i + 1),
                        new ContentType(part.getContentType()).getBaseType(),
                        part.getSize()));
            }
            Instant received = Optional.ofNullable(message.getReceivedDate())
                    .or(() -> Optional.ofNullable(sentDate(message)))
                    .map(java.util.Date::toInstant)
                    .orElse(null);
            return new Email(
                    number,
                    addresses(message.getFrom()).stream().findFirst().orElse(""),
                    addresses(message.getRecipients(Message.RecipientType.TO)),
                    Optional.ofNullable(message.getSubject()).orElse("(no subject)"),
                    received,
                    content.text,
                    content.html,
                    described);
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable email " + number, e);
        }
    }

    private static java.util.Date sentDate(MimeMessage message) {
        try {
            return message.getSentDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static String fileName(Part part, int number) throws MessagingException {
        String name = part.getFileName();
        if (name != null) {
            return name;
        }
        return "attachment-" + number + (part.isMimeType("text/calendar") ? ".ics" : "");
    }

    /** The first text and HTML bodies; every other leaf part (and any part named as a file) is an attachment. */
    private static void walk(Part part, Content content, List<Part> attachments) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, content, attachments);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                attachments.add(part);
            } else if (part.isMimeType("text/plain") && content.text == null) {
                content.text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && content.html == null) {
                content.html = String.valueOf(part.getContent());
            } else {
                attachments.add(part);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable email part", e);
        }
    }

    private static final class Content {
        String text;
        String html;
    }
}

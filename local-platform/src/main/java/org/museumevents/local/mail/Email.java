package org.museumevents.local.mail;

import java.time.Instant;
import java.util.List;

/** An email as the mail page shows it. */
record Email(
        int number,
        String from,
        List<String> to,
        String subject,
        Instant receivedAt,
        String text,
        String html,
        List<Attachment> attachments) {

    record Attachment(int number, String fileName, String contentType, int size) {}
}

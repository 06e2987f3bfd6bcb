package org.museumevents.local.mail;

import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** The emails sent, on http://localhost:8025 (the port of Mailpit's page in docker-compose.yml). */
@Controller
class MailPage {

    private final Mailbox mailbox;

    MailPage(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/")
    String list(Model model) {
        model.addAttribute("emails", mailbox.all());
        return "list";
    }

    @GetMapping("/emails/{number}")
    String read(@PathVariable int number, Model model) {
        model.addAttribute("email", email(number));
        return "email";
    }

    /**
     * The HTML body on its own, for the sandboxed frame of the email page; the strict policy keeps
     * the email's own scripts and remote content from running.
     */
    @GetMapping(value = "/emails/{number}/html", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> html(@PathVariable int number) {
        Email email = email(number);
        if (email.html() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This email has no HTML body");
        }
        return ResponseEntity.ok()
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .body(email.html());
    }

    @GetMapping("/emails/{number}/attachments/{attachment}")
    ResponseEntity<byte[]> attachment(@PathVariable int number, @PathVariable int attachment) {
        Email email = email(number);
        if (attachment < 1 || attachment > email.attachments().size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such attachment");
        }
        Email.Attachment described = email.attachments().get(attachment - 1);
        byte[] content = mailbox.attachment(number, attachment).orElseThrow();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(described.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(described.fileName())
                                .build()
                                .toString())
                .body(content);
    }

    /** The same list as JSON, for scripts and tests. */
    @GetMapping(value = "/api/emails", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Email> json() {
        return mailbox.all();
    }

    private Email email(int number) {
        return mailbox.find(number)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No email " + number));
    }
}

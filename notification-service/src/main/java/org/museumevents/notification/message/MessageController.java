package org.museumevents.notification.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.museumevents.notification.email.Mailer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An event's messages to its registrants, for its organisers only: another organisation's event is a 404. */
@RestController
@Tag(name = "Messages", description = "Organisers' messages to an event's registrants.")
@SecurityRequirement(name = "organiser")
class MessageController {

    private final Messages messages;

    MessageController(Messages messages) {
        this.messages = messages;
    }

    @PostMapping("/api/events/{eventId}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "postMessage",
            summary = "Schedules a message to the event's registrants of the given statuses, sent at sendAt"
                    + " (now by default); an Idempotency-Key replayed with the same body answers the same message")
    MessageView post(
            @PathVariable UUID eventId,
            @RequestBody MessageRequest message,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return messages.post(eventId, message, idempotencyKey);
    }

    @GetMapping("/api/events/{eventId}/messages")
    @Operation(operationId = "getMessages", summary = "The event's messages, newest first, with their counts")
    List<MessageView> list(@PathVariable UUID eventId) {
        return messages.list(eventId);
    }

    @PostMapping("/api/events/{eventId}/messages/preview")
    @Operation(
            operationId = "previewMessage",
            summary = "The message's subject and text as one registrant (or one of a status) would receive it;"
                    + " nothing is sent")
    Mailer.Preview preview(@PathVariable UUID eventId, @RequestBody PreviewRequest request) {
        return messages.preview(eventId, request);
    }
}

package org.museumevents.gateway.web;

import java.util.List;
import java.util.UUID;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service, for an event's organisers: its delivery log, and its messages (list,
 * preview, send; docs/api.md, Notification). Each call carries the organiser's token.
 */
@Component
public class NotificationClient extends ServiceClient {

    private static final ParameterizedTypeReference<List<Delivery>> DELIVERIES = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<EventMessage>> MESSAGES =
            new ParameterizedTypeReference<>() {};

    NotificationClient(
            LoadBalancerClient instances,
            RestClient.Builder builder,
            ClientHttpRequestFactory requests,
            JsonMapper json) {
        super("notification", instances, builder, requests, json);
    }

    public List<Delivery> deliveries(UUID eventId, String token) {
        List<Delivery> log = call(() -> http.get()
                .uri("/api/events/{id}/notifications", eventId)
                .headers(bearer(token))
                .retrieve()
                .body(DELIVERIES));
        return log == null ? List.of() : log;
    }

    /** The event's past and scheduled messages, newest first (as the service orders them). */
    public List<EventMessage> messages(UUID eventId, String token) {
        List<EventMessage> messages = call(() -> http.get()
                .uri("/api/events/{id}/messages", eventId)
                .headers(bearer(token))
                .retrieve()
                .body(MESSAGES));
        return messages == null ? List.of() : messages;
    }

    /**
     * Posts a message; the same {@code idempotencyKey} with the same message sends it once only.
     *
     * @return the message as the service lists it
     * @throws ServiceProblem a 400 naming the fields refused, a 422 for a key reused with another message
     */
    public EventMessage send(UUID eventId, EventMessage.Draft draft, String idempotencyKey, String token) {
        return call(() -> http.post()
                .uri("/api/events/{id}/messages", eventId)
                .headers(bearer(token))
                .headers(headers -> headers.set("Idempotency-Key", idempotencyKey))
                .contentType(MediaType.APPLICATION_JSON)
                .body(draft)
                .retrieve()
                .body(EventMessage.class));
    }

    /** The message as a sample registrant of {@code request.status()} would receive it; nothing is sent. */
    public EventMessage.Preview preview(UUID eventId, EventMessage.PreviewRequest request, String token) {
        return call(() -> http.post()
                .uri("/api/events/{id}/messages/preview", eventId)
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(EventMessage.Preview.class));
    }
}

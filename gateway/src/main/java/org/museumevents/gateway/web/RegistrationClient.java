package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** registration-service: registering and a registrant's own registration; attendee lists for organisers. */
@Component
public class RegistrationClient extends ServiceClient {

    private static final ParameterizedTypeReference<PageOf<Registration>> REGISTRATIONS =
            new ParameterizedTypeReference<>() {};

    RegistrationClient(
            LoadBalancerClient instances,
            RestClient.Builder builder,
            ClientHttpRequestFactory requests,
            JsonMapper json) {
        super("registration", instances, builder, requests, json);
    }

    /**
     * The body of {@code POST /api/events/{eventId}/registrations}.
     *
     * @param answers by question id, only the answered questions: a string (a text, a choice id,
     *     a country code), a list of choice ids or a boolean; left out of the JSON when empty, so
     *     that a registration without questions sends what it sent before they existed
     */
    public record RegistrationRequest(
            String name,
            String email,
            String organisation,
            String language,
            String timeZone,
            String interpretationLanguage,
            Boolean consent,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> answers) {}

    /** A double submission with the same {@code idempotencyKey} answers the first result. */
    public Registered register(UUID eventId, RegistrationRequest request, String idempotencyKey) {
        return call(() -> http.post()
                .uri("/api/events/{id}/registrations", eventId)
                .headers(headers -> {
                    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(Registered.class));
    }

    /** Places left and whether registering is open now, for anyone. */
    public Availability availability(UUID eventId) {
        return call(() -> http.get()
                .uri("/api/events/{id}/availability", eventId)
                .retrieve()
                .body(Availability.class));
    }

    public Registration registration(UUID id, String token) {
        return call(() -> http.get()
                .uri(uri("/api/registrations/{id}", query("token", token), id))
                .retrieve()
                .body(Registration.class));
    }

    public Registration cancel(UUID id, String token) {
        return call(() -> http.delete()
                .uri(uri("/api/registrations/{id}", query("token", token), id))
                .retrieve()
                .body(Registration.class));
    }

    public PageOf<Registration> attendees(UUID eventId, String status, String q, int page, int size, String token) {
        return call(() -> http.get()
                .uri(uri(
                        "/api/events/{id}/attendees",
                        query("status", status, "q", q, "page", page, "size", size),
                        eventId))
                .headers(bearer(token))
                .retrieve()
                .body(REGISTRATIONS));
    }

    /** The attendee list as the service's UTF-8 CSV. */
    public byte[] attendeesCsv(UUID eventId, String status, String q, String token) {
        return call(() -> http.get()
                .uri(uri("/api/events/{id}/attendees", query("status", status, "q", q), eventId))
                .headers(bearer(token))
                .accept(new MediaType("text", "csv"))
                .retrieve()
                .body(byte[].class));
    }

    public RegistrationStats stats(UUID eventId, String token) {
        return call(() -> http.get()
                .uri("/api/events/{id}/registration-stats", eventId)
                .headers(bearer(token))
                .retrieve()
                .body(RegistrationStats.class));
    }

    public Registration asOrganiser(UUID id, String token) {
        return call(() -> http.get()
                .uri("/api/registrations/{id}/organiser-view", id)
                .headers(bearer(token))
                .retrieve()
                .body(Registration.class));
    }

    public Registration approve(UUID id, String token) {
        return decide(id, "approve", token);
    }

    public Registration reject(UUID id, String token) {
        return decide(id, "reject", token);
    }

    /** Cancelled by the organiser: the place goes to the first on the waiting list. */
    public Registration cancelAsOrganiser(UUID id, String token) {
        return decide(id, "cancel", token);
    }

    private Registration decide(UUID id, String action, String token) {
        return call(() -> http.post()
                .uri("/api/registrations/{id}/{action}", id, action)
                .headers(bearer(token))
                .retrieve()
                .body(Registration.class));
    }
}

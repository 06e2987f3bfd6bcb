package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** registration-service: registering and a registrant's own registration; attendee lists for organisers. */
@Component
public class RegistrationClient extends ServiceClient {

    private static final ParameterizedTypeReference<PageOf<Registration>> REGISTRATIONS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Found>> FOUND = new ParameterizedTypeReference<>() {};
    private static final MediaType CSV = new MediaType("text", "csv");

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

    /**
     * Follows a series (issue 17): registers for each of its occurrences ahead, and later ones.
     *
     * @param request the registration body, answers to the series' questions included
     * @param idempotencyKey sent as {@code Idempotency-Key}; the service may ignore it (docs/api.md)
     * @throws ServiceProblem 400 with field errors, 404 for a series it knows no event of, 409
     *     {@code already-subscribed}
     */
    public Subscription.Created subscribe(UUID seriesId, RegistrationRequest request, String idempotencyKey) {
        return call(() -> http.post()
                .uri("/api/series/{id}/subscriptions", seriesId)
                .headers(headers -> {
                    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(Subscription.Created.class));
    }

    /** A subscription with its token; 404 ({@link ServiceProblem}) for a wrong one. */
    public Subscription subscription(UUID id, String token) {
        return call(() -> http.get()
                .uri(uri("/api/subscriptions/{id}", query("token", token), id))
                .retrieve()
                .body(Subscription.class));
    }

    /**
     * Stops following; idempotent.
     *
     * @param cancelRegistrations also cancel its registrations of occurrences not started yet
     */
    public Subscription unsubscribe(UUID id, String token, boolean cancelRegistrations) {
        return call(() -> http.delete()
                .uri(uri(
                        "/api/subscriptions/{id}",
                        query("token", token, "cancelRegistrations", cancelRegistrations ? true : null),
                        id))
                .retrieve()
                .body(Subscription.class));
    }

    /** A series' followers for its organiser; 404 ({@link ServiceProblem}) for another organisation's. */
    public Subscription.Followers followers(UUID seriesId, String token) {
        return call(() -> http.get()
                .uri("/api/series/{id}/followers", seriesId)
                .headers(bearer(token))
                .retrieve()
                .body(Subscription.Followers.class));
    }

    /**
     * "Yes, I'm coming" (issue 17): a confirmed registration is marked reconfirmed; a released one
     * takes a place back if one is free.
     *
     * @throws ServiceProblem 404 for a wrong token; 409 {@code no-place-free}, a registration no
     *     longer active, or an event already started
     */
    public Registration reconfirm(UUID id, String token) {
        return registrantAction(id, "reconfirm", token);
    }

    /** "No, free my place" (issue 17): cancels the registration; idempotent. */
    public Registration decline(UUID id, String token) {
        return registrantAction(id, "decline", token);
    }

    private Registration registrantAction(UUID id, String action, String token) {
        return call(() -> http.post()
                .uri(uri("/api/registrations/{id}/" + action, query("token", token), id))
                .retrieve()
                .body(Registration.class));
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
        return attendees(eventId, status, null, q, page, size, token);
    }

    /**
     * @param attended {@code true}, {@code false} or null for all (issue 16)
     */
    public PageOf<Registration> attendees(
            UUID eventId, String status, Boolean attended, String q, int page, int size, String token) {
        return call(() -> http.get()
                .uri(uri(
                        "/api/events/{id}/attendees",
                        query("status", status, "attended", attended, "q", q, "page", page, "size", size),
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

    /**
     * A check-in as the service answers it (docs/api.md, check-in).
     *
     * @param checkedInAt when first checked in, UTC
     * @param first whether this call checked the registration in (201), not an earlier one (200)
     */
    public record CheckIn(UUID registrationId, String name, String status, Instant checkedInAt, boolean first) {}

    /** The service's JSON of a check-in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckInAnswer(UUID registrationId, String name, String status, Instant checkedInAt) {}

    /**
     * {@code POST /api/events/{eventId}/check-ins} with exactly one of {@code code} and {@code
     * registrationId}, as an organiser, a partner's organiser or door staff.
     *
     * @throws ServiceProblem 404 {@code unknown-code} / {@code not-found}, 409 {@code another-event},
     *     {@code not-confirmed}, {@code online-event}
     */
    public CheckIn checkIn(UUID eventId, String code, UUID registrationId, String token) {
        Map<String, Object> body = code != null ? Map.of("code", code) : Map.of("registrationId", registrationId);
        ResponseEntity<CheckInAnswer> answer = call(() -> http.post()
                .uri("/api/events/{id}/check-ins", eventId)
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(CheckInAnswer.class));
        CheckInAnswer done = answer.getBody();
        return new CheckIn(
                done.registrationId(),
                done.name(),
                done.status(),
                done.checkedInAt(),
                answer.getStatusCode().value() == 201);
    }

    /** {@code DELETE /api/events/{eventId}/check-ins/{registrationId}}: 404 when not checked in. */
    public void undoCheckIn(UUID eventId, UUID registrationId, String token) {
        call(() -> http.delete()
                .uri("/api/events/{id}/check-ins/{registration}", eventId, registrationId)
                .headers(bearer(token))
                .retrieve()
                .toBodilessEntity());
    }

    /** One person found by the check-in search; {@code checkedInAt} null when not checked in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Found(UUID registrationId, String name, String email, String status, Instant checkedInAt) {}

    /**
     * {@code GET /api/events/{eventId}/check-ins?q=}: at most 20 registrations whose name or email
     * contains {@code q} (2 to 100 characters), by name.
     */
    public List<Found> searchCheckIns(UUID eventId, String q, String token) {
        return call(() -> http.get()
                .uri(uri("/api/events/{id}/check-ins", query("q", q), eventId))
                .headers(bearer(token))
                .retrieve()
                .body(FOUND));
    }

    /** The answer of {@code PUT /api/events/{eventId}/attendance/{registrationId}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attendance(UUID registrationId, boolean attended, Instant checkedInAt) {}

    /** Marks a CONFIRMED registration attended or not, as the event's organiser (409 {@code not-confirmed}). */
    public Attendance markAttendance(UUID eventId, UUID registrationId, boolean attended, String token) {
        return call(() -> http.put()
                .uri("/api/events/{id}/attendance/{registration}", eventId, registrationId)
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("attended", attended))
                .retrieve()
                .body(Attendance.class));
    }

    /** The counts of an attendance import. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AttendanceImport(long rows, long matched, long alreadyAttended, long unmatched, long belowMinimum)
            // A flash attribute of the attendees page: kept in the HTTP session, which Spring Session serialises.
            implements java.io.Serializable {}

    /**
     * {@code POST /api/events/{eventId}/attendance} with the CSV as {@code text/csv}.
     *
     * @param minMinutes the least total duration that counts, in minutes; null for the service's default (0)
     */
    public AttendanceImport importAttendance(UUID eventId, byte[] csv, Integer minMinutes, String token) {
        return call(() -> http.post()
                .uri(uri("/api/events/{id}/attendance", query("minMinutes", minMinutes), eventId))
                .headers(bearer(token))
                .contentType(CSV)
                .body(csv)
                .retrieve()
                .body(AttendanceImport.class));
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

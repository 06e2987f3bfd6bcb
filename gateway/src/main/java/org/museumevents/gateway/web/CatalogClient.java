package org.museumevents.gateway.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * catalog-service: events and series. Public reads go without a token, never carry a meeting, and
 * are kept a few seconds ({@link PublicCatalogCache}); an organiser's write through this client
 * empties that cache.
 */
@Component
public class CatalogClient extends ServiceClient {

    private static final ParameterizedTypeReference<PageOf<Event>> EVENTS = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<PageOf<Series>> SERIES = new ParameterizedTypeReference<>() {};

    private final JsonMapper json;

    CatalogClient(
            LoadBalancerClient instances,
            RestClient.Builder builder,
            ClientHttpRequestFactory requests,
            JsonMapper json) {
        super("catalog", instances, builder, requests, json);
        this.json = json;
    }

    /**
     * What {@code GET /api/events} filters on; {@code partnerOrganisation} (a slug, issue 16) keeps
     * the published events naming that organisation among their {@code partnerOrganisations}.
     */
    public record EventQuery(
            LocalDate from,
            LocalDate to,
            String q,
            UUID series,
            String organisation,
            String status,
            int page,
            int size,
            String partnerOrganisation) {

        public EventQuery(
                LocalDate from,
                LocalDate to,
                String q,
                UUID series,
                String organisation,
                String status,
                int page,
                int size) {
            this(from, to, q, series, organisation, status, page, size, null);
        }
    }

    /**
     * Published events for anyone, never with a meeting; kept a few seconds ({@link PublicCatalogCache}).
     *
     * @throws ServiceUnavailable when the catalog cannot answer (never cached)
     * @throws ServiceProblem for a 4xx answer (never cached)
     */
    @Cacheable(cacheNames = PublicCatalogCache.EVENTS, sync = true)
    public PageOf<Event> events(EventQuery query) {
        PageOf<Event> page = events(query, null);
        return new PageOf<>(page.content().stream().map(Event::withoutMeeting).toList(), page.page());
    }

    /** An organisation's events in one status (drafts too), with its organiser's token. */
    public PageOf<Event> events(EventQuery query, String token) {
        return call(() -> http.get()
                .uri(uri(
                        "/api/events",
                        query(
                                "from", query.from(),
                                "to", query.to(),
                                "q", query.q(),
                                "series", query.series(),
                                "organisation", query.organisation(),
                                "status", query.status(),
                                "page", query.page(),
                                "size", query.size(),
                                "partnerOrganisation", query.partnerOrganisation())))
                .headers(bearer(token))
                .retrieve()
                .body(EVENTS));
    }

    /**
     * A published or cancelled event, as anyone sees it (no meeting); kept a few seconds ({@link
     * PublicCatalogCache}), so a cancellation made elsewhere shows that much later.
     *
     * @throws ServiceProblem 404 for an unknown or unpublished event (never cached)
     * @throws ServiceUnavailable when the catalog cannot answer (never cached)
     */
    @Cacheable(cacheNames = PublicCatalogCache.EVENT, sync = true)
    public Event event(UUID id) {
        return call(() -> http.get().uri("/api/events/{id}", id).retrieve().body(Event.class))
                .withoutMeeting();
    }

    /** The event as its organisers see it (meeting included), with the ETag to send back as If-Match. */
    public Versioned<Event> event(UUID id, String token) {
        return versioned(call(() -> http.get()
                .uri("/api/events/{id}", id)
                .headers(bearer(token))
                .retrieve()
                .toEntity(Event.class)));
    }

    @EvictsPublicReads
    public Event create(Object details, String token) {
        return call(() -> http.post()
                .uri("/api/events")
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(details)
                .retrieve()
                .body(Event.class));
    }

    /** Replaces the event if it is still at {@code etag}; a 412 problem ({@code stale-version}) if not. */
    @EvictsPublicReads
    public Versioned<Event> replace(UUID id, String etag, Object details, String token) {
        return versioned(call(() -> http.put()
                .uri("/api/events/{id}", id)
                .headers(bearer(token))
                .headers(headers -> {
                    if (etag != null && !etag.isBlank()) {
                        headers.set(HttpHeaders.IF_MATCH, etag);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(details)
                .retrieve()
                .toEntity(Event.class)));
    }

    @EvictsPublicReads
    public Event publish(UUID id, String token) {
        return action(id, "publish", token);
    }

    @EvictsPublicReads
    public Event cancel(UUID id, String token) {
        return action(id, "cancel", token);
    }

    /** Series, all organisations' or one's; with its token an organisation sees its drafts too. */
    public PageOf<Series> seriesList(String organisation, String token) {
        return call(() -> http.get()
                .uri(uri("/api/series", query("organisation", organisation, "size", 100)))
                .headers(bearer(token))
                .retrieve()
                .body(SERIES));
    }

    /**
     * The series as the home page lists them, without their events (which it never shows), so that
     * what is kept a few seconds ({@link PublicCatalogCache}) is small: the first 100, as anyone
     * sees them.
     *
     * @throws ServiceUnavailable when the catalog cannot answer (never cached)
     */
    @Cacheable(cacheNames = PublicCatalogCache.SERIES, key = "'all'", sync = true)
    public List<Series> publicSeries() {
        return seriesList(null, null).content().stream()
                .map(Series::withoutEvents)
                .toList();
    }

    public Series series(UUID id, String token) {
        return call(() -> http.get()
                .uri("/api/series/{id}", id)
                .headers(bearer(token))
                .retrieve()
                .body(Series.class));
    }

    @EvictsPublicReads
    public Series createSeries(Object details, String token) {
        return call(() -> http.post()
                .uri("/api/series")
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(details)
                .retrieve()
                .body(Series.class));
    }

    /** Creates the next {@code count} occurrences as drafts; the contract allows an array or {@code {events}}. */
    @EvictsPublicReads
    public List<Event> createOccurrences(UUID seriesId, int count, String token) {
        JsonNode answer = call(() -> http.post()
                .uri("/api/series/{id}/occurrences", seriesId)
                .headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("count", count))
                .retrieve()
                .body(JsonNode.class));
        if (answer == null) {
            return List.of();
        }
        JsonNode events = answer.isArray() ? answer : answer.path("events");
        return json.readerForListOf(Event.class).readValue(events);
    }

    private Event action(UUID id, String action, String token) {
        return call(() -> http.post()
                .uri("/api/events/{id}/{action}", id, action)
                .headers(bearer(token))
                .retrieve()
                .body(Event.class));
    }

    private static <T> Versioned<T> versioned(ResponseEntity<T> entity) {
        return new Versioned<>(entity.getBody(), entity.getHeaders().getETag());
    }

    /** A body with the ETag it was read at. */
    public record Versioned<T>(T value, String etag) {}
}

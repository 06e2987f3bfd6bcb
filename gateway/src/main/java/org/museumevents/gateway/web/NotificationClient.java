package org.museumevents.gateway.web;

import java.util.List;
import java.util.UUID;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** notification-service: an event's delivery log, for its organisers. */
@Component
public class NotificationClient extends ServiceClient {

    private static final ParameterizedTypeReference<List<Delivery>> DELIVERIES = new ParameterizedTypeReference<>() {};

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
}

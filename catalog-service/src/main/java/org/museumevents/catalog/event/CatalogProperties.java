package org.museumevents.catalog.event;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where participants reach the platform: the base of the event page linked from calendar entries. */
@ConfigurationProperties("catalog")
record CatalogProperties(@DefaultValue("http://localhost:8080") String publicBaseUrl) {

    String eventUrl(Object eventId) {
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/events/" + eventId;
    }
}

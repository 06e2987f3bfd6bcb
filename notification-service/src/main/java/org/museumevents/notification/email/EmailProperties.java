package org.museumevents.notification.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the emails come from, and the public address of the web UI for links to the event page.
 */
@ConfigurationProperties("notification.email")
record EmailProperties(
        @DefaultValue("Museum Events <no-reply@museum-events.org>") String from,
        @DefaultValue("http://localhost:8080") String publicBaseUrl) {

    String eventUrl(Object eventId) {
        String base =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/events/" + eventId;
    }
}

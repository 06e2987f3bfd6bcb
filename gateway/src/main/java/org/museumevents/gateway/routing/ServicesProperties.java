package org.museumevents.gateway.routing;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services listen: each service's instances, as base URLs ({@code http://host:port}).
 * One URL or several, comma-separated ({@code GATEWAY_SERVICES_REGISTRATION=http://a:8082,http://b:8082}):
 * the gateway spreads each service's requests over its instances ({@link ServiceInstances}).
 *
 * @param catalog catalog-service's instances
 * @param registration registration-service's instances
 * @param notification notification-service's instances
 */
@ConfigurationProperties("gateway.services")
public record ServicesProperties(
        @DefaultValue("http://localhost:8081") List<URI> catalog,
        @DefaultValue("http://localhost:8082") List<URI> registration,
        @DefaultValue("http://localhost:8083") List<URI> notification) {

    /** The service ids the routes and the pages address the services by (Spring Cloud LoadBalancer's). */
    public static final String CATALOG = "catalog";

    public static final String REGISTRATION = "registration";
    public static final String NOTIFICATION = "notification";

    public ServicesProperties {
        catalog = List.copyOf(catalog);
        registration = List.copyOf(registration);
        notification = List.copyOf(notification);
    }

    /**
     * @param serviceId {@link #CATALOG}, {@link #REGISTRATION} or {@link #NOTIFICATION}
     * @return that service's instances, in the order configured; empty for any other id
     */
    public List<URI> instances(String serviceId) {
        return switch (serviceId) {
            case CATALOG -> catalog;
            case REGISTRATION -> registration;
            case NOTIFICATION -> notification;
            default -> List.of();
        };
    }
}

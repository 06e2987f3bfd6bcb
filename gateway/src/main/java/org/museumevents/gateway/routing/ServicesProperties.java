package org.museumevents.gateway.routing;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the services listen. */
@ConfigurationProperties("gateway.services")
record ServicesProperties(
        @DefaultValue("http://localhost:8081") URI catalog,
        @DefaultValue("http://localhost:8082") URI registration,
        @DefaultValue("http://localhost:8083") URI notification) {}

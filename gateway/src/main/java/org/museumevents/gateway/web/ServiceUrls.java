package org.museumevents.gateway.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the pages find the services: the same {@code gateway.services.*} settings the routes use,
 * bound again here so that the web front does not reach into the routing feature.
 */
@ConfigurationProperties("gateway.services")
record ServiceUrls(
        @DefaultValue("http://localhost:8081") URI catalog,
        @DefaultValue("http://localhost:8082") URI registration,
        @DefaultValue("http://localhost:8083") URI notification) {}

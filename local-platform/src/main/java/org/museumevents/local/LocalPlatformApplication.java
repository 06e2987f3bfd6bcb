package org.museumevents.local;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The whole platform on one machine: starts PostgreSQL, a Kafka broker and an SMTP server, then the
 * four services' own jars as processes configured with the standard properties, and serves the
 * emails sent on a web page. Ctrl-C stops everything, services first.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalPlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalPlatformApplication.class, args);
    }
}

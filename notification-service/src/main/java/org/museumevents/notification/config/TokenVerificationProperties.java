package org.museumevents.notification.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long fetching the token issuer's keys (the JWK set, or the issuer's discovery document) may
 * take: an issuer that accepts the connection and never answers is then an outage answered in
 * seconds, like the database's, instead of requests held.
 */
@ConfigurationProperties("notification.security")
record TokenVerificationProperties(@DefaultValue JwkTimeout jwkTimeout) {

    record JwkTimeout(@DefaultValue("2s") Duration connect, @DefaultValue("3s") Duration read) {}
}

package org.museumevents.gateway.identity;

import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the authorization server's authorizations (table {@code oauth2_authorization}) whose
 * every code and token has expired: {@code JdbcOAuth2AuthorizationService} keeps them for ever,
 * one row per token issued to an API client. Nothing needs them once expired: the services verify
 * the JWTs themselves, and no token is revoked or introspected here. Every instance runs it; the
 * deletes are idempotent.
 */
@Component
class ExpiredAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    ExpiredAuthorizations(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Every minute; an outage of the database is left to the next run. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void removeExpired() {
        try {
            removeExpiredNow();
        } catch (DataAccessException e) {
            log.debug("Expired authorizations not removed this time", e);
        }
    }

    /**
     * Deletes the authorizations whose credentials have all expired.
     *
     * @return how many were deleted
     * @throws DataAccessException when the database cannot be reached
     */
    int removeExpiredNow() {
        return jdbc.sql(
                        """
                        DELETE FROM oauth2_authorization
                        WHERE GREATEST(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
                                       refresh_token_expires_at, user_code_expires_at, device_code_expires_at) < :now
                        """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}

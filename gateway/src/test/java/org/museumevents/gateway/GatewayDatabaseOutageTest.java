package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 18: with the gateway's own database unreachable, the rate limits fail open to buckets of
 * the instance (ratelimit.SharedBuckets): registrations still flow, within the instance's own
 * limit, quickly and never as a 500; failed logins are still counted, per instance. What needs
 * the database itself (a token, whose authorization is kept there; a session) is a 503, not a 500
 * (identity.SharedStateUnavailable). Once the database answers again the shared buckets, with what
 * they had left, count again.
 *
 * <p>Its instance is its own ({@link TwoInstancesTest#start}), on a database of its own that it
 * reaches through a proxy the test cuts; the shared PostgreSQL server stays up. Tagged
 * {@code outage}: {@code -Pfast} leaves it out.
 */
@Tag("outage")
class GatewayDatabaseOutageTest {

    /** Hikari's connection timeout is 2 s here; a bound well above it, not a speed measurement. */
    private static final Duration QUICKLY = Duration.ofSeconds(8);

    /**
     * Far above the gateway's socket timeout (10 s), so that reaching it means a wait that would never
     * have ended: a bound that stops a hung test, not a speed measurement.
     */
    private static final Duration NEVER_ENDING = Duration.ofSeconds(60);

    @BeforeEach
    void echo() {
        StandIns.echoEverything();
    }

    private static RawHttp.Response register(RawHttp client, UUID event) {
        return client.send("POST", "/api/events/" + event + "/registrations", "application/json", "{}");
    }

    @Test
    void theRateLimitFailsOpenToTheInstancesOwnBucketsAndReturnsToTheSharedOnes() throws Exception {
        try (TcpProxy proxy = new TcpProxy();
                ConfigurableApplicationContext app = TwoInstancesTest.start(
                        TestServers.newDatabase().behind(proxy), TwoInstancesTest.signingKey())) {
            RawHttp client = RawHttp.newClient(TwoInstancesTest.port(app));
            UUID event = UUID.randomUUID();
            // One of the three shared tokens spent; two left in the database.
            assertThat(register(client, event).status()).isEqualTo(201);
            // A visitor with a session (the login page opens one for its CSRF token).
            String session = client.send("GET", "/login", null, null).cookie("SESSION");
            assertThat(session).isNotNull();

            proxy.cut();
            long started = System.nanoTime();
            RawHttp.Response during = register(client, event);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(during.status()).as(during.body()).isEqualTo(201);
            assertThat(took).isLessThan(QUICKLY);
            // The instance's own bucket, full when the outage began: three in all, then refused.
            assertThat(twoMoreThenRefused(client, event).header("Retry-After")).isNotNull();
            // Failed logins are still counted (here), and answered as such, not as a server error.
            assertThat(TwoInstancesTest.token(client, "icom-france", "wrong").status())
                    .isEqualTo(401);
            // A token needs the database (its authorization is saved there), a session too: 503, not 500.
            RawHttp.Response token = TwoInstancesTest.token(client, "ocim", "demo-secret");
            assertThat(token.status()).as(token.body()).isEqualTo(503);
            assertThat(token.header("Content-Type")).startsWith("application/problem+json");
            assertThat(token.header("Retry-After")).isNotNull();
            RawHttp.Response organiser = client.send(
                    "GET", "/organiser", null, null, Map.of("Cookie", "SESSION=" + session, "Accept", "text/html"));
            assertThat(organiser.status()).as(organiser.body()).isEqualTo(503);
            assertThat(organiser.body()).contains("temporarily unavailable");
            RawHttp.Response loginPage = client.send("GET", "/login", null, null, Map.of("Accept", "text/html"));
            // The login page stores its form's CSRF token in a session.
            assertThat(loginPage.status()).as(loginPage.body()).isEqualTo(503);
            // An event's page keeps its registration form's CSRF token in a cookie, not in a session:
            // it needs no gateway database (issue 18's review).
            UUID shown = UUID.randomUUID();
            StandIns.CATALOG.on(
                    "GET",
                    "/api/events/" + shown,
                    StandIn.json(org.museumevents.gateway.web.Contract.event(shown.toString(), "PUBLISHED")));
            RawHttp.Response eventPage =
                    client.send("GET", "/events/" + shown, null, null, Map.of("Accept", "text/html"));
            assertThat(eventPage.status()).as(eventPage.body()).isEqualTo(200);
            assertThat(eventPage.body()).contains("name=\"_csrf\"");
            assertThat(eventPage.cookie("XSRF-TOKEN")).isNotNull();
            assertThat(eventPage.cookie("SESSION")).isNull();

            proxy.restore();
            Thread.sleep(ratelimitRetryAfter().plusSeconds(1).toMillis());
            // The shared bucket again: the two tokens it had left, then refused.
            twoMoreThenRefused(client, event);
        }
    }

    /**
     * A database that stops answering without closing its connections (a frozen host, a partition,
     * a fail-over): a statement on a pooled connection fails at the JDBC driver's socket timeout
     * (application.yml) instead of waiting for ever, registrations are let through by the
     * instance's own bucket until it is empty, and once new connections reach the database the
     * shared bucket counts again, with what it had left (the instance's own, empty, would refuse).
     */
    @Test
    void aDatabaseThatStopsAnsweringIsFailedOpenAndLeftBehind() throws Exception {
        try (TcpProxy proxy = new TcpProxy();
                ConfigurableApplicationContext app = TwoInstancesTest.start(
                        TestServers.newDatabase().behind(proxy), TwoInstancesTest.signingKey())) {
            RawHttp client = RawHttp.newClient(TwoInstancesTest.port(app));
            UUID event = UUID.randomUUID();
            assertThat(register(client, event).status()).isEqualTo(201);

            // Closing the connection is a statement too (its rollback): inside the bound as well.
            assertTimeoutPreemptively(NEVER_ENDING, () -> {
                try (Connection held = app.getBean(DataSource.class).getConnection()) {
                    proxy.silence();
                    assertThatThrownBy(() -> held.createStatement().execute("SELECT 1"))
                            .isInstanceOf(SQLException.class);
                }
            });
            RawHttp.Response during = assertTimeoutPreemptively(NEVER_ENDING, () -> register(client, event));
            assertThat(during.status()).as(during.body()).isEqualTo(201);
            // The instance's own bucket, full when the silence began: three in all, then refused.
            twoMoreThenRefused(client, event);

            proxy.restore();
            // Only the shared bucket, with the two it had left, can let a registration through now.
            long deadline = System.nanoTime() + NEVER_ENDING.toNanos();
            while (register(client, event).status() != 201) {
                assertThat(System.nanoTime()).as("the shared bucket back").isLessThan(deadline);
                Thread.sleep(1_000);
            }
            assertThat(register(client, event).status()).isEqualTo(201);
            assertThat(register(client, event).status()).isEqualTo(429);
        }
    }

    /** Two more registrations let through and the next refused (a bucket of three, one spent); the refusal. */
    private static RawHttp.Response twoMoreThenRefused(RawHttp client, UUID event) {
        assertThat(register(client, event).status()).isEqualTo(201);
        assertThat(register(client, event).status()).isEqualTo(201);
        RawHttp.Response refused = register(client, event);
        assertThat(refused.status()).isEqualTo(429);
        return refused;
    }

    /** SharedBuckets.RETRY_AFTER, which is package-private in its feature. */
    private static Duration ratelimitRetryAfter() {
        return Duration.ofSeconds(10);
    }
}

package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Guessing organisers' passwords or API clients' secrets: after three failures on one account, or
 * six from one address, attempts get 429 with Retry-After, for 30 s doubling up to 2 min; a success
 * resets the account.
 *
 * <p>A context of its own: it moves the throttle's clock (no sleeping), and its small thresholds
 * would refuse the shared context's logins. Each test is a client address of its own
 * ({@link RawHttp}).
 */
@GatewayIntegrationTest
@Import(LoginProtectionTest.MovableClock.class)
@TestPropertySource(
        properties = {
            "gateway.login-protection.account-failures=3",
            "gateway.login-protection.address-failures=6",
            "gateway.login-protection.initial-backoff=PT30S",
            "gateway.login-protection.max-backoff=PT2M"
        })
class LoginProtectionTest {

    /** The throttle's clock, moved by the tests. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        static volatile Instant now = Instant.parse("2027-01-01T00:00:00Z");

        @Bean
        Clock loginClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        static void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    /** A login with the form as a browser does it: the page first, for its session and CSRF token. */
    private RawHttp.Response login(RawHttp client, String username, String password, String language) {
        RawHttp.Response page = client.send("GET", "/login", null, null, Map.of("Accept-Language", language));
        // Spring Session's cookie (issue 18: sessions shared by the gateway's instances).
        String session = page.cookie("SESSION");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        return client.send(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                form,
                Map.of("Cookie", "SESSION=" + session, "Accept-Language", language));
    }

    private static boolean failedLogin(RawHttp.Response answer) {
        return answer.status() == 302 && answer.header("Location").contains("/login?error");
    }

    private static boolean loggedIn(RawHttp.Response answer) {
        return answer.status() == 302 && answer.header("Location").endsWith("/organiser");
    }

    private RawHttp.Response token(RawHttp client, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return client.send(
                "POST",
                "/oauth2/token",
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials",
                Map.of("Authorization", "Basic " + basic));
    }

    private static long retryAfter(RawHttp.Response answer) {
        return Long.parseLong(answer.header("Retry-After"));
    }

    @Test
    void anOrganiserAccountUnderAttackIsHeldBackWithGrowingDelaysUntilASuccess() {
        RawHttp attacker = RawHttp.newClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(failedLogin(login(attacker, "estelle", "guess-" + i, "en")))
                    .isTrue();
        }

        // Even the right password waits: the answer must not tell a guess from the truth.
        RawHttp.Response blocked = login(attacker, "estelle", "solidarite", "fr");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(retryAfter(blocked)).isEqualTo(30);
        assertThat(blocked.body())
                .contains("id=\"login-blocked\"", "Trop de tentatives échouées. Réessayez dans 30 secondes.")
                .contains("name=\"_csrf\"");

        // Per account: another address, the same account, is held back too; the address itself is free.
        RawHttp organiser = RawHttp.newClient(port);
        RawHttp.Response elsewhere = login(organiser, "ESTELLE", "solidarite", "es");
        assertThat(elsewhere.status()).isEqualTo(429);
        assertThat(elsewhere.body())
                .contains("Demasiados intentos fallidos. Vuelva a intentarlo dentro de 30 segundos.");
        assertThat(loggedIn(login(organiser, "marie", "atelier-dijon", "en"))).isTrue();

        // Each further failure doubles the delay, up to the cap.
        MovableClock.advance(Duration.ofSeconds(31));
        assertThat(failedLogin(login(attacker, "estelle", "guess-4", "en"))).isTrue();
        RawHttp.Response longer = login(attacker, "estelle", "guess-5", "en");
        assertThat(longer.status()).isEqualTo(429);
        assertThat(retryAfter(longer)).isEqualTo(60);
        assertThat(longer.body()).contains("Too many failed attempts. Please try again in 60 seconds.");
        MovableClock.advance(Duration.ofSeconds(61));
        assertThat(failedLogin(login(attacker, "estelle", "guess-6", "en"))).isTrue();
        assertThat(retryAfter(login(attacker, "estelle", "guess-7", "en"))).isEqualTo(120);
        MovableClock.advance(Duration.ofSeconds(121));
        assertThat(failedLogin(login(attacker, "estelle", "guess-8", "en"))).isTrue();
        assertThat(retryAfter(login(attacker, "estelle", "guess-9", "en"))).isEqualTo(120);

        // A success resets the account: three failures again before it is held back.
        MovableClock.advance(Duration.ofSeconds(121));
        assertThat(loggedIn(login(organiser, "estelle", "solidarite", "en"))).isTrue();
        assertThat(failedLogin(login(organiser, "estelle", "typo", "en"))).isTrue();
        assertThat(failedLogin(login(organiser, "estelle", "typo", "en"))).isTrue();
        assertThat(loggedIn(login(organiser, "estelle", "solidarite", "en"))).isTrue();
    }

    @Test
    void anAddressGuessingManyAccountsIsHeldBack() {
        RawHttp sprayer = RawHttp.newClient(port);
        for (int i = 0; i < 6; i++) {
            assertThat(failedLogin(login(sprayer, "someone-" + UUID.randomUUID(), "guess", "en")))
                    .isTrue();
        }
        RawHttp.Response blocked = login(sprayer, "marie@ocim.fr", "atelier-dijon", "en");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(retryAfter(blocked)).isEqualTo(30);
        // The token endpoint shares the address's count.
        assertThat(token(sprayer, "ocim", "demo-secret").status()).isEqualTo(429);

        assertThat(loggedIn(login(RawHttp.newClient(port), "marie@ocim.fr", "atelier-dijon", "en")))
                .isTrue();
    }

    @Test
    void anApiClientUnderAttackIsHeldBackUntilASuccess() {
        RawHttp attacker = RawHttp.newClient(port);
        for (int i = 0; i < 3; i++) {
            assertThat(token(attacker, "icom-france", "guess-" + i).status()).isEqualTo(401);
        }
        RawHttp.Response blocked = token(attacker, "icom-france", "other-secret");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(retryAfter(blocked)).isEqualTo(30);
        assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(blocked.body()).contains("\"status\":429", "too-many-failed-logins");

        // Per account: held back from another address too, whose other clients are served.
        RawHttp script = RawHttp.newClient(port);
        assertThat(token(script, "icom-france", "other-secret").status()).isEqualTo(429);
        assertThat(token(script, "icom-france-scripts", "demo-secret").status()).isEqualTo(200);

        MovableClock.advance(Duration.ofSeconds(31));
        assertThat(token(attacker, "icom-france", "guess-4").status()).isEqualTo(401);
        assertThat(retryAfter(token(attacker, "icom-france", "guess-5"))).isEqualTo(60);
        MovableClock.advance(Duration.ofSeconds(61));
        assertThat(token(script, "icom-france", "other-secret").status()).isEqualTo(200);
        assertThat(token(script, "icom-france", "typo").status()).isEqualTo(401);
        assertThat(token(script, "icom-france", "other-secret").status()).isEqualTo(200);
    }

    @Test
    void anAddressGuessingManyClientsIsHeldBack() {
        RawHttp sprayer = RawHttp.newClient(port);
        for (int i = 0; i < 6; i++) {
            assertThat(token(sprayer, "client-" + UUID.randomUUID(), "guess").status())
                    .isEqualTo(401);
        }
        assertThat(token(sprayer, "ocim", "demo-secret").status()).isEqualTo(429);
        assertThat(token(RawHttp.newClient(port), "ocim", "demo-secret").status())
                .isEqualTo(200);
    }
}

package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 in a real headless Chromium, on the real platform: a Dijon workshop of Ocim with one
 * place and a reconfirmation policy asks its confirmed registrant whether she still comes (the
 * platform runs registration-service's reconfirmation every few seconds, Platform.java); she opens
 * the "no" link of that email, which only shows a button (a GET changes nothing), presses it, and
 * the first on the waiting list is promoted and receives the email saying so. Every page is
 * checked with axe-core.
 *
 * <p>The event starts two days and three minutes from now, asking two days before its start: both
 * registrants take their place before the moment to ask, as the policy requires of those it asks.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class ReconfirmationBrowserTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void aRegistrantAnswersNoFromTheEmailAndTheFirstOnTheWaitingListGetsThePlace() throws Exception {
        PlatformApi api = new PlatformApi(platform);
        String ocim = api.token("ocim");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String title = "Atelier Dijon " + suffix;
        String event = workshop(api, ocim, title);

        String elise = PlatformApi.address("reconfirm-elise");
        String jules = PlatformApi.address("reconfirm-jules");
        JsonNode first = register(api, event, "Élise Martin " + suffix, elise);
        assertThat(first.path("status").asString()).isEqualTo("CONFIRMED");
        JsonNode second = register(api, event, "Jules Bernard " + suffix, jules);
        assertThat(second.path("status").asString()).isEqualTo("WAITLISTED");
        String eliseId = first.path("id").asString();
        String julesId = second.path("id").asString();

        // The moment to ask comes: Élise's email carries the "no" link.
        Pattern declineLink =
                Pattern.compile("https?://[^\\s\"<>]+/registrations/" + eliseId + "/decline\\?token=[^\\s\"<>]+");
        PlatformApi.await("the reconfirmation email to Élise", Duration.ofMinutes(6), () -> api.emailsTo(elise).stream()
                .anyMatch(mail ->
                        declineLink.matcher(mail.path("text").asString()).find()));
        String link = null;
        for (JsonNode mail : api.emailsTo(elise)) {
            Matcher found = declineLink.matcher(mail.path("text").asString());
            if (found.find()) {
                link = found.group();
            }
        }
        assertThat(link).startsWith(platform.gatewayUrl("/"));
        int julesEmailsBefore = api.emailsTo(jules).size();

        try (Browser browser = Browser.open("fr")) {
            browser.driver.get(link);
            WebElement button = browser.until(ExpectedConditions.elementToBeClickable(By.id("answer-submit")));
            assertThat(browser.driver.findElement(By.id("registration-status")).getDomAttribute("data-status"))
                    .as("opening the link changes nothing")
                    .isEqualTo("CONFIRMED");
            browser.assertAccessible("the decline page");
            browser.screenshot("reconfirmation-decline");
            button.click();

            WebElement outcome = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-outcome")));
            assertThat(outcome.getDomAttribute("data-outcome")).isEqualTo("declined");
            assertThat(browser.driver.findElement(By.id("registration-status")).getDomAttribute("data-status"))
                    .isEqualTo("CANCELLED");
            assertThat(browser.driver.findElements(By.id("answer-submit"))).isEmpty();
            browser.assertAccessible("the decline page after the answer");
        }

        // Jules, first on the waiting list, has the place and the email that says so.
        PlatformApi.await("Jules promoted", Duration.ofSeconds(60), () -> "CONFIRMED"
                .equals(api.attendees(ocim, event).get(julesId)));
        assertThat(api.attendees(ocim, event)).containsEntry(eliseId, "CANCELLED");
        PlatformApi.await(
                "the promotion email to Jules",
                Duration.ofSeconds(90),
                () -> api.emailsTo(jules).size() > julesEmailsBefore);
        JsonNode promotion = api.emailsTo(jules).get(api.emailsTo(jules).size() - 1);
        assertThat(promotion.path("subject").asString() + promotion.path("text").asString())
                .contains(title);
        assertThat(promotion.path("text").asString()).contains("/registrations/" + julesId);
    }

    /**
     * Ocim's in-person workshop in Dijon with one place, a waiting list and a reconfirmation policy:
     * asked two days before its start, answer needed one day before, the silent released; published,
     * and open in registration-service.
     */
    private static String workshop(PlatformApi api, String token, String title) throws Exception {
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Europe/Paris"))
                .plusDays(2)
                .plusMinutes(3)
                .truncatedTo(ChronoUnit.MINUTES);
        String id = api.json
                .readTree(api.expect(
                        201,
                        "POST",
                        "/api/events",
                        token,
                        """
                        {"title": {"fr": "%s"}, "description": {"fr": "Un atelier à places limitées."}, "defaultLanguage": "fr",
                         "format": "IN_PERSON", "start": "%s", "end": "%s", "timeZone": "Europe/Paris",
                         "venue": {"name": "La Coursive Boutaric", "city": "Dijon", "country": "FR"},
                         "capacity": 1,
                         "registration": {"waitlist": true,
                           "reconfirmation": {"before": "P2D", "deadline": "P1D", "releaseSilent": true}}}"""
                                .formatted(title, start, start.plusHours(3))))
                .get("id")
                .asString();
        api.expect(200, "POST", "/api/events/" + id + "/publish", token, null);
        api.awaitOpen(id, Duration.ofSeconds(60));
        return id;
    }

    private static JsonNode register(PlatformApi api, String event, String name, String email) throws Exception {
        HttpResponse<String> response = api.call(
                "POST",
                platform.registrationUrl("/api/events/" + event + "/registrations"),
                null,
                """
                {"name": "%s", "email": "%s", "language": "fr", "consent": true}"""
                        .formatted(name, email),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return api.json.readTree(response.body());
    }
}

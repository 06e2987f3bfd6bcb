package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 in a real headless Chromium, on the real platform: a participant follows ICOM France's
 * Solidarity cycle (demo catalogue) in Spanish from the series' page, lands on the subscription's
 * page with the sessions ahead, receives a confirmation per session whose "stop following" link
 * opens that same page with the sessions ahead. Every page is checked with axe-core.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class SeriesSubscriptionBrowserTest {

    /** The subscription's link in an email: {@code <publicBaseUrl>/subscriptions/<id>?token=<token>}. */
    static final Pattern SUBSCRIPTION_LINK =
            Pattern.compile("https?://[^\\s\"<>]+/subscriptions/[0-9a-f-]{36}\\?token=[^\\s\"<>]+");

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void aParticipantFollowsTheSolidarityCycleInSpanishAndSeesTheSessionsAhead() throws Exception {
        PlatformApi api = new PlatformApi(platform);
        String series = solidarityCycle(api);
        String email = PlatformApi.address("follower");

        try (Browser browser = Browser.open("es")) {
            browser.driver.get(platform.gatewayUrl("/"));
            browser.until(ExpectedConditions.elementToBeClickable(By.id("follow-series-" + series)))
                    .click();
            WebElement title = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("series-title")));
            assertThat(title.getText()).contains("Solidaridad");
            assertThat(browser.driver.findElements(By.cssSelector("#series-sessions li")))
                    .isNotEmpty();
            assertThat(browser.driver
                            .findElement(By.id("series-calendar-webcal"))
                            .getDomAttribute("href"))
                    .startsWith("webcal://")
                    .endsWith("/api/series/" + series + "/calendar.ics");
            assertThat(browser.driver.getPageSource()).doesNotContain("010934", "82342861023");
            browser.assertAccessible("the series page");
            browser.screenshot("series-follow");

            browser.driver.findElement(By.id("registration-name")).sendKeys("Lucía Fernández");
            browser.driver.findElement(By.id("registration-email")).sendKeys(email);
            new Select(browser.driver.findElement(By.id("registration-language"))).selectByValue("es");
            new Select(browser.driver.findElement(By.id("registration-interpretation"))).selectByValue("es");
            browser.driver.findElement(By.id("registration-consent")).click();
            browser.driver.findElement(By.id("follow-submit")).click();

            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("follow-done")));
            assertSessionsAhead(browser);
            assertThat(browser.driver.findElement(By.id("subscription-status")).getDomAttribute("data-status"))
                    .isEqualTo("ACTIVE");
            browser.assertAccessible("the subscription page");
            browser.screenshot("subscription");
        }

        // Each session's confirmation, in Spanish, carries the subscription's link: open it.
        PlatformApi.await(
                "a confirmation with the subscription's link to " + email,
                Duration.ofSeconds(90),
                () -> api.emailsTo(email).stream().anyMatch(mail -> SUBSCRIPTION_LINK
                        .matcher(mail.path("text").asString())
                        .find()));
        String link = null;
        for (JsonNode mail : api.emailsTo(email)) {
            Matcher found = SUBSCRIPTION_LINK.matcher(mail.path("text").asString());
            if (found.find()) {
                link = found.group();
                break;
            }
        }
        URIs.assertOnTheGateway(platform, link);
        try (Browser browser = Browser.open("es")) {
            browser.driver.get(link);
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("subscription-sessions")));
            assertSessionsAhead(browser);
            assertThat(browser.driver.findElement(By.id("subscription-email")).getText())
                    .isEqualTo(email);
            browser.assertAccessible("the subscription page from the email");
        }
    }

    /** At least one session ahead, each registered: confirmed, on the waiting list or awaiting approval. */
    private static void assertSessionsAhead(Browser browser) {
        List<WebElement> sessions = browser.driver.findElements(By.cssSelector("#subscription-sessions li"));
        assertThat(sessions).isNotEmpty();
        assertThat(sessions).allSatisfy(session -> assertThat(session.getDomAttribute("data-status"))
                .isIn("CONFIRMED", "WAITLISTED", "PENDING"));
        assertThat(sessions.get(0).getText()).containsAnyOf("Confirmada", "lista de espera", "aprobación");
    }

    /** The demo Solidarity cycle's id, as anyone reads the series. */
    private static String solidarityCycle(PlatformApi api) throws Exception {
        JsonNode all = api.json.readTree(api.expect(200, "GET", "/api/series?size=100", null, null));
        for (JsonNode series : all.path("content")) {
            if (series.path("title").path("en").asString().startsWith("Solidarity")) {
                return series.path("id").asString();
            }
        }
        throw new AssertionError("No Solidarity cycle in " + all);
    }

    /** Small checks on links read from emails. */
    static final class URIs {

        private URIs() {}

        static void assertOnTheGateway(Platform platform, String link) {
            assertThat(link).as("the link in the email").isNotNull().startsWith(platform.gatewayUrl("/"));
        }
    }
}

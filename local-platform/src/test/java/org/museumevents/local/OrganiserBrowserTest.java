package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * An organiser of Ocim in a real headless Chromium, on the real platform: logs in, creates and
 * publishes a workshop, sees the participant who registered, and exports the attendee list.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class OrganiserBrowserTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void logsInCreatesAndPublishesAnEventSeesTheRegistrantAndExportsTheCsv() throws Exception {
        String title = "Atelier conservation préventive "
                + UUID.randomUUID().toString().substring(0, 8);
        String email = "organiser-view-" + UUID.randomUUID() + "@example.org";
        try (Browser browser = Browser.open("fr")) {
            browser.driver.get(platform.gatewayUrl("/organiser"));
            browser.wait
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                    .sendKeys("ocim");
            browser.driver.findElement(By.id("password")).sendKeys("demo-secret");
            browser.screenshot("login");
            browser.assertAccessible("the login page");
            browser.driver.findElement(By.id("login-submit")).click();

            browser.until(ExpectedConditions.elementToBeClickable(By.id("new-event")));
            browser.screenshot("organiser-dashboard");
            browser.assertAccessible("the organiser's dashboard");
            browser.driver.findElement(By.id("new-event")).click();

            browser.wait
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("event-title-fr")))
                    .sendKeys(title);
            browser.driver.findElement(By.id("event-description-fr")).sendKeys("Gestes et outils, en petit groupe.");
            LocalDate day = LocalDate.now().plusMonths(2);
            setValue(browser, "event-start", day + "T09:30");
            setValue(browser, "event-end", day + "T17:00");
            new Select(browser.driver.findElement(By.id("event-format"))).selectByValue("IN_PERSON");
            browser.driver.findElement(By.id("event-venue-name")).sendKeys("Musée des Beaux-Arts");
            browser.driver.findElement(By.id("event-venue-address")).sendKeys("1 place de la Sainte-Chapelle");
            browser.driver.findElement(By.id("event-venue-city")).sendKeys("Dijon");
            browser.driver.findElement(By.id("event-venue-country")).sendKeys("FR");
            browser.driver.findElement(By.id("event-capacity")).sendKeys("12");
            browser.screenshot("organiser-event-form");
            browser.assertAccessible("the event form");
            browser.driver.findElement(By.id("event-save")).click();

            WebElement status = browser.until(ExpectedConditions.elementToBeClickable(By.id("publish-event")));
            String eventId = eventIdFrom(browser.driver.getCurrentUrl());
            status.click();
            browser.until(ExpectedConditions.attributeToBe(By.id("event-status"), "data-status", "PUBLISHED"));
            browser.screenshot("organiser-event");
            browser.assertAccessible("the organiser's event page");

            // A participant registers through the public API, as the form would.
            HttpResponse<String> registered = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            platform.gatewayUrl("/api/events/" + eventId + "/registrations")))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            """
                                            {"name": "Camille Durand", "email": "%s", "language": "fr", "consent": true}"""
                                                    .formatted(email)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

            browser.driver.findElement(By.id("attendees-link")).click();
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("attendee-list"), email));
            assertThat(browser.driver.findElement(By.id("stats-confirmed")).getText())
                    .contains("1");
            browser.screenshot("organiser-attendees");
            browser.assertAccessible("the attendee page");

            // The export, fetched with the organiser's session as the browser would download it.
            String csvHref = browser.driver.findElement(By.id("export-csv")).getDomAttribute("href");
            String cookies = browser.driver.manage().getCookies().stream()
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            HttpResponse<String> csv = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(platform.gatewayUrl("/")).resolve(csvHref))
                                    .header("Cookie", cookies)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
            assertThat(csv.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(disposition -> assertThat(disposition).startsWith("attachment"));
            assertThat(csv.body()).contains(email, "Camille Durand");

            // Without the session, the same export is refused.
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(platform.gatewayUrl("/")).resolve(csvHref))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.body()).doesNotContain(email);
        }
    }

    private static void setValue(Browser browser, String id, String value) {
        ((JavascriptExecutor) browser.driver)
                .executeScript(
                        "arguments[0].value = arguments[1];"
                                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                        browser.driver.findElement(By.id(id)),
                        value);
    }

    private static String eventIdFrom(String url) {
        var matcher = java.util.regex.Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
                .matcher(url);
        assertThat(matcher.find()).as("an event id in " + url).isTrue();
        return matcher.group(1);
    }
}

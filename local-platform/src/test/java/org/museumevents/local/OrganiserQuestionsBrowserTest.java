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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15 in a real headless Chromium, on the real platform: Ocim creates its Dijon workshop, adds
 * the standard questions "dietary needs" and "institution" in the editor (one click each), saves
 * and publishes it; a participant in an English browser registers and answers them; Ocim sees the
 * answers on the attendee page and in the CSV export. Every page is checked with axe-core.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class OrganiserQuestionsBrowserTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void ocimAddsStandardQuestionsAParticipantAnswersThemAndOcimReadsTheAnswers() throws Exception {
        String title = "Atelier régie des collections, Dijon "
                + UUID.randomUUID().toString().substring(0, 8);
        String email = "questions-" + UUID.randomUUID() + "@example.org";
        String eventId;
        try (Browser ocim = Browser.open("fr")) {
            ocim.logIn(platform, "ocim");
            ocim.driver.findElement(By.id("new-event")).click();
            ocim.wait
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("event-title-fr")))
                    .sendKeys(title);
            ocim.driver.findElement(By.id("event-title-en")).sendKeys("Collections care workshop, Dijon");
            ocim.driver.findElement(By.id("event-description-fr")).sendKeys("Inventaire, récolement, en petit groupe.");
            LocalDate day = LocalDate.now().plusMonths(2);
            setValue(ocim, "event-start", day + "T09:30");
            setValue(ocim, "event-end", day + "T17:00");
            new Select(ocim.driver.findElement(By.id("event-format"))).selectByValue("IN_PERSON");
            ocim.driver.findElement(By.id("event-venue-name")).sendKeys("Musée des Beaux-Arts");
            ocim.driver.findElement(By.id("event-venue-address")).sendKeys("1 place de la Sainte-Chapelle");
            ocim.driver.findElement(By.id("event-venue-city")).sendKeys("Dijon");
            ocim.driver.findElement(By.id("event-venue-country")).sendKeys("FR");
            ocim.driver.findElement(By.id("event-capacity")).sendKeys("12");
            ocim.driver.findElement(By.id("event-save")).click();
            ocim.until(ExpectedConditions.elementToBeClickable(By.id("publish-event")));
            eventId = eventIdFrom(ocim.driver.getCurrentUrl());

            // The editor: the standard questions are one click away each.
            ocim.driver.findElement(By.id("edit-event")).click();
            ocim.until(ExpectedConditions.elementToBeClickable(By.id("add-question-dietary-needs")))
                    .click();
            ocim.until(ExpectedConditions.presenceOfElementLocated(By.id("question-0")));
            ocim.until(ExpectedConditions.elementToBeClickable(By.id("add-question-institution")))
                    .click();
            ocim.until(ExpectedConditions.presenceOfElementLocated(By.id("question-1")));
            ((JavascriptExecutor) ocim.driver).executeScript("document.getElementById('questions').scrollIntoView();");
            ocim.screenshot("organiser-questions");
            ocim.assertAccessible("the event editor with two questions");
            ocim.driver.findElement(By.id("event-save")).click();
            ocim.until(ExpectedConditions.elementToBeClickable(By.id("publish-event")))
                    .click();
            ocim.until(ExpectedConditions.attributeToBe(By.id("event-status"), "data-status", "PUBLISHED"));
            ocim.assertAccessible("the published workshop");
        }
        new PlatformApi(platform).awaitOpen(eventId, java.time.Duration.ofSeconds(60));

        try (Browser participant = Browser.open("en")) {
            participant.driver.get(platform.gatewayUrl("/events/" + eventId));
            participant
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-name")))
                    .sendKeys("Jane Smith");
            assertThat(participant
                            .driver
                            .findElement(By.cssSelector("[data-question='dietary-needs']"))
                            .getText())
                    .contains("dietary needs");
            participant.assertAccessible("the workshop's page with its questions");
            participant.driver.findElement(By.id("registration-email")).sendKeys(email);
            new Select(participant.driver.findElement(By.id("registration-language"))).selectByValue("en");
            participant
                    .driver
                    .findElement(By.id("registration-answer-dietary-needs"))
                    .sendKeys("Vegetarian, no nuts");
            click(participant, "registration-answer-institution-museum");
            click(participant, "registration-consent");
            click(participant, "registration-submit");
            participant.until(
                    ExpectedConditions.attributeToBe(By.id("registration-status"), "data-status", "CONFIRMED"));
            participant.assertAccessible("the registration's result");
        }

        try (Browser ocim = Browser.open("fr")) {
            ocim.logIn(platform, "ocim");
            ocim.driver.get(platform.gatewayUrl("/organiser/events/" + eventId + "/attendees"));
            ocim.until(ExpectedConditions.textToBePresentInElementLocated(By.id("attendee-list"), email));
            String list = ocim.driver.findElement(By.id("attendee-list")).getText();
            assertThat(list).contains("Vegetarian, no nuts", "Un musée");
            ocim.screenshot("organiser-attendees-answers");
            ocim.assertAccessible("the attendee page with answers");

            String csvHref = ocim.driver.findElement(By.id("export-csv")).getDomAttribute("href");
            String cookies = ocim.driver.manage().getCookies().stream()
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
            String row = csv.body()
                    .lines()
                    .filter(line -> line.contains(email))
                    .findFirst()
                    .orElseThrow();
            assertThat(row).contains("Jane Smith", "Vegetarian, no nuts", "A museum");
            assertThat(csv.body().lines().findFirst().orElseThrow()).contains("dietary needs", "Your institution");
        }
    }

    private static void click(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].click();", browser.driver.findElement(By.id(id)));
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

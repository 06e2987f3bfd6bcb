package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15 in a real headless Chromium, on the real platform: ICOM France opens an online session,
 * writes a message to its confirmed registrants in French and Spanish, previews it and sends it;
 * the confirmed French and Spanish registrants receive it in their language with the join details
 * (read from the platform's SMTP server through its mail page, as {@link PlatformApi} does), the
 * registrant on the waiting list does not; the messages page then shows it with its counts.
 * Every page is checked with axe-core, the form with its errors included.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class OrganiserMessagesBrowserTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void icomFranceWritesToItsConfirmedRegistrantsEachInTheirLanguage() throws Exception {
        PlatformApi api = new PlatformApi(platform);
        String token = api.token("icom-france");
        String title = "Séance messages " + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.now().plusDays(20);
        String event = api.json
                .readTree(api.expect(
                        201,
                        "POST",
                        "/api/events",
                        token,
                        """
                        {"title": {"fr": "%s", "es": "Sesión mensajes"}, "description": {"fr": "Une séance en ligne."},
                         "defaultLanguage": "fr", "format": "ONLINE", "start": "%s", "end": "%s",
                         "timeZone": "Europe/Paris",
                         "meeting": {"url": "https://zoom.example/j/4455", "meetingId": "445 566", "passcode": "musees"},
                         "capacity": 2, "registration": {"waitlist": true}}"""
                                .formatted(title, day.atTime(13, 0), day.atTime(14, 30))))
                .get("id")
                .asString();
        api.expect(200, "POST", "/api/events/" + event + "/publish", token, null);
        api.awaitOpen(event, Duration.ofSeconds(60));
        String french = PlatformApi.address("message-fr");
        String spanish = PlatformApi.address("message-es");
        String waiting = PlatformApi.address("message-waiting");
        assertThat(register(api, event, "Élise Martin", french, "fr")).contains("\"CONFIRMED\"");
        assertThat(register(api, event, "Lucía Fernández", spanish, "es")).contains("\"CONFIRMED\"");
        assertThat(register(api, event, "Wanda Waiting", waiting, "fr")).contains("\"WAITLISTED\"");

        try (Browser browser = Browser.open("fr")) {
            browser.logIn(platform, "icom-france");
            browser.driver.get(platform.gatewayUrl("/organiser/events/" + event));
            browser.until(ExpectedConditions.elementToBeClickable(By.id("messages-link")))
                    .click();
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-form")));
            assertThat(browser.driver.findElement(By.id("no-messages")).isDisplayed())
                    .isTrue();
            browser.assertAccessible("the messages page");

            // Sending later without a date: the error is shown at its field, and checked too.
            click(browser, "message-when-later");
            click(browser, "message-send");
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-send-at-error")));
            assertThat(browser.driver.findElement(By.id("message-send-at")).getDomAttribute("aria-describedby"))
                    .contains("message-send-at-error");
            browser.screenshot("organiser-message-errors");
            browser.assertAccessible("the messages page with its errors");

            click(browser, "message-when-now");
            assertThat(browser.driver
                            .findElement(By.id("message-recipient-confirmed"))
                            .isSelected())
                    .isTrue();
            assertThat(browser.driver
                            .findElement(By.id("message-recipient-waitlisted"))
                            .isSelected())
                    .isFalse();
            browser.driver.findElement(By.id("message-subject-fr")).sendKeys("Votre lien pour {event}");
            browser.driver
                    .findElement(By.id("message-body-fr"))
                    .sendKeys("Bonjour {name},\nle lien : {joinUrl} (réunion {meetingId}, code {passcode}).");
            browser.driver.findElement(By.id("message-subject-es")).sendKeys("Su enlace para {event}");
            browser.driver
                    .findElement(By.id("message-body-es"))
                    .sendKeys("Hola {name},\nel enlace: {joinUrl} (reunión {meetingId}, código {passcode}).");
            click(browser, "message-preview-button");
            WebElement preview = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-text")));
            assertThat(preview.getText()).contains("Camille Martin", "https://zoom.example/j/4455", "musees");
            assertThat(browser.driver.findElement(By.id("preview-subject")).getText())
                    .isEqualTo("Votre lien pour " + title);
            browser.screenshot("organiser-message-preview");
            browser.assertAccessible("the messages page with a preview");

            click(browser, "message-send");
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-message")));
            browser.assertAccessible("the messages page after sending");
        }

        PlatformApi.await("the French and Spanish registrants receive the message", Duration.ofSeconds(60), () -> {
            return !withSubject(api, french, "Votre lien pour " + title).isEmpty()
                    && !withSubject(api, spanish, "Su enlace para Sesión mensajes")
                            .isEmpty();
        });
        JsonNode toFrench = withSubject(api, french, "Votre lien pour " + title).get(0);
        assertThat(toFrench.path("text").asString())
                .contains("Bonjour Élise Martin", "https://zoom.example/j/4455", "445 566", "musees");
        JsonNode toSpanish =
                withSubject(api, spanish, "Su enlace para Sesión mensajes").get(0);
        assertThat(toSpanish.path("text").asString())
                .contains("Hola Lucía Fernández", "https://zoom.example/j/4455", "445 566", "musees");

        try (Browser browser = Browser.open("fr")) {
            browser.logIn(platform, "icom-france");
            PlatformApi.await("the message is sent, with its counts", Duration.ofSeconds(60), () -> {
                browser.driver.get(platform.gatewayUrl("/organiser/events/" + event + "/messages"));
                browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-form")));
                List<WebElement> rows = browser.driver.findElements(By.cssSelector("#message-list tbody tr"));
                return rows.size() == 1
                        && "SENT".equals(rows.get(0).getDomAttribute("data-status"))
                        && rows.get(0)
                                .findElement(By.className("message-sent"))
                                .getText()
                                .equals("2");
            });
            WebElement row = browser.driver.findElement(By.cssSelector("#message-list tbody tr"));
            assertThat(row.findElement(By.className("message-planned")).getText())
                    .isEqualTo("2");
            assertThat(row.findElement(By.className("message-failed")).getText())
                    .isEqualTo("0");
            assertThat(row.getText()).contains("Votre lien pour {event}", "Confirmée", "Envoyé");
            browser.screenshot("organiser-messages");
            browser.assertAccessible("the messages page with a sent message");
        }
        // The waiting list was not written to: every message email has gone out (the counts say so).
        assertThat(api.emailsTo(waiting))
                .extracting(email -> email.path("subject").asString())
                .noneMatch(subject -> subject.contains("Votre lien") || subject.contains("Su enlace"));
        assertThat(api.emailsTo(waiting).toString()).doesNotContain("musees");
    }

    private static String register(PlatformApi api, String event, String name, String email, String language)
            throws Exception {
        HttpResponse<String> response = api.call(
                "POST",
                platform.registrationUrl("/api/events/" + event + "/registrations"),
                null,
                """
                {"name": "%s", "email": "%s", "language": "%s", "consent": true}"""
                        .formatted(name, email, language),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static List<JsonNode> withSubject(PlatformApi api, String address, String subject) throws Exception {
        return api.emailsTo(address).stream()
                .filter(email -> email.path("subject").asString().equals(subject))
                .toList();
    }

    private static void click(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].click();", browser.driver.findElement(By.id(id)));
    }
}

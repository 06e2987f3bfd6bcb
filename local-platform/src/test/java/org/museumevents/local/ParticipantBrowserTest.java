package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A participant in a real headless Chromium, on the real platform, through the gateway's pages:
 * finds the debate, registers in Spanish, reads the result, and cancels from the manage page.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class ParticipantBrowserTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void registersFromTheEventPageThenCancelsFromTheManagePage() throws Exception {
        String email = "browser-" + UUID.randomUUID() + "@example.org";
        try (Browser browser = Browser.open("es")) {
            browser.driver.get(platform.gatewayUrl("/"));
            browser.screenshot("home");
            browser.assertAccessible("the home page");
            browser.wait
                    .until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Sesión 4")))
                    .click();

            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("event-title")));
            assertThat(browser.driver.findElement(By.id("event-title")).getText())
                    .contains("Sesión 4");
            assertThat(browser.driver.getPageSource()).doesNotContain("010934", "82342861023");
            browser.screenshot("event");
            browser.assertAccessible("the event page");

            browser.driver.findElement(By.id("registration-name")).sendKeys("Lucía Fernández");
            browser.driver.findElement(By.id("registration-email")).sendKeys(email);
            new Select(browser.driver.findElement(By.id("registration-language"))).selectByValue("es");
            browser.driver.findElement(By.id("registration-consent")).click();
            browser.driver.findElement(By.id("registration-submit")).click();

            WebElement status =
                    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-status")));
            assertThat(status.getDomAttribute("data-status")).isEqualTo("CONFIRMED");
            browser.screenshot("registration-result");
            browser.assertAccessible("the registration result");

            String manage = browser.driver.findElement(By.id("manage-link")).getDomAttribute("href");
            browser.driver.findElement(By.id("manage-link")).click();
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel-registration")));
            browser.assertAccessible("the manage page");
            browser.driver.findElement(By.id("cancel-registration")).click();
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-cancel")));
            browser.assertAccessible("the cancellation's confirmation");
            browser.driver.findElement(By.id("confirm-cancel")).click();
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-done")));
            browser.assertAccessible("the cancelled registration");

            // The registration really is cancelled, as the API tells its owner.
            URI page = URI.create(platform.gatewayUrl("/")).resolve(manage);
            String api = platform.gatewayUrl("/api" + page.getPath() + "?" + page.getQuery());
            HttpResponse<String> registration = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(api)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(registration.statusCode()).isEqualTo(200);
            assertThat(registration.body()).contains("\"status\":\"CANCELLED\"");
        }
    }

    @Test
    void showsEachErrorNextToItsFieldAndKeepsWhatWasTyped() {
        try (Browser browser = Browser.open("en", 390, 844)) { // a phone's width
            browser.driver.get(platform.gatewayUrl("/"));
            browser.wait
                    .until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Session 4")))
                    .click();
            browser.wait
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-email")))
                    .sendKeys("not-an-email");
            browser.driver.findElement(By.id("registration-submit")).click();

            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("registration-name-error")));
            assertThat(browser.driver.findElement(By.id("registration-email")).getDomProperty("value"))
                    .isEqualTo("not-an-email");
            assertThat(browser.driver.findElement(By.id("registration-name")).getDomAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id"))
                    .as("the focus, and the view, go to the errors")
                    .isEqualTo("error-summary");
            browser.screenshot("registration-errors-phone");
            browser.assertAccessible("the registration form with its errors, on a phone");
            Number overflow = (Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue())
                    .as("no sideways scrolling on a phone")
                    .isLessThanOrEqualTo(0);
        }
    }
}

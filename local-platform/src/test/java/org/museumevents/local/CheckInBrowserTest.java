package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
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
 * Issue 16 in a real headless Chromium at a phone's size (390x844), on the real platform: Ocim's
 * door staff ({@code ocim-door}, role {@code door}) check three participants of a Dijon workshop in,
 * one by the code a QR scan decodes (fed to the page's code field, as the camera script does), two
 * found by name or email; scanning the first code again says "already checked in". ICOM Greece,
 * partner of one ICOM France session ({@code partnerOrganisations}), sees that session's registrants
 * read-only and nothing else: no action buttons, another ICOM France event's attendee page refused.
 * The first registrant's manage page shows the code as a QR code and as text, and once checked in
 * links to the attestation PDF; Ocim's organiser then sees the three checked in with the counts.
 * Every page is checked with axe-core.
 *
 * <p>Tagged {@code browser}: it needs Chromium and starts the whole platform, so {@code -Pfast} leaves it out.
 */
@Tag("browser")
class CheckInBrowserTest {

    static Platform platform;

    @BeforeAll
    static void platform() {
        platform = Platform.shared();
    }

    @Test
    void ocimsDoorStaffCheckThreeParticipantsInOnAPhone() throws Exception {
        PlatformApi api = new PlatformApi(platform);
        String ocim = api.token("ocim");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String event = inPersonEvent(api, ocim, "Atelier Dijon " + suffix, null);
        String[] names = {"Élise Martin " + suffix, "Jules Bernard " + suffix, "Léa Petit " + suffix};
        String[] emails = {
            PlatformApi.address("door-elise"), PlatformApi.address("door-jules"), PlatformApi.address("door-lea")
        };
        String[] ids = new String[3];
        String[] tokens = new String[3];
        for (int i = 0; i < 3; i++) {
            JsonNode registered = registered(api, event, names[i], emails[i]);
            ids[i] = registered.get("id").asString();
            tokens[i] = registered.get("token").asString();
        }
        // A fourth who does not come to the door; the organiser imports them from a report below.
        String absentEmail = PlatformApi.address("door-marc");
        registered(api, event, "Marc Durand " + suffix, absentEmail);
        String code = checkInCode(api, ocim, event, ids[0]);
        String manage = "/registrations/" + ids[0] + "?token="
                + java.net.URLEncoder.encode(tokens[0], java.nio.charset.StandardCharsets.UTF_8);

        // The registrant's manage page shows the code as a QR code and as text, no attestation yet.
        try (Browser browser = Browser.phone("fr", 390, 844)) {
            browser.driver.get(platform.gatewayUrl(manage));
            WebElement text = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("check-in-code")));
            assertThat(text.getDomAttribute("data-code")).isEqualTo(code);
            assertThat(browser.driver.findElements(By.cssSelector("#check-in-qr svg")))
                    .hasSize(1);
            assertThat(browser.driver.findElements(By.id("attestation-link"))).isEmpty();
            browser.assertAccessible("the manage page with its check-in code");
            browser.screenshot("manage-check-in-code");
        }

        try (Browser browser = Browser.phone("fr", 390, 844)) {
            browser.logIn(platform, "ocim-door", "check-in-events");
            browser.assertAccessible("the door staff's events");
            browser.driver.findElement(By.id("check-in-" + event)).click();
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("check-in-form")));
            browser.assertAccessible("the check-in page");
            assertFitsThePhone(browser);

            // The scan: the decoded code goes into the field and the form is sent.
            scan(browser, code);
            WebElement result = outcome(browser, "welcome");
            assertThat(result.getText()).contains("Bienvenue " + names[0]);
            browser.screenshot("check-in-welcome");
            browser.assertAccessible("the check-in page after a check-in");

            // Two found by search: one by name, one by email.
            searchAndCheckIn(browser, "Jules Bernard " + suffix, ids[1]);
            assertThat(outcome(browser, "welcome").getText()).contains("Bienvenue " + names[1]);
            searchAndCheckIn(browser, emails[2], ids[2]);
            assertThat(outcome(browser, "welcome").getText()).contains("Bienvenue " + names[2]);
            browser.assertAccessible("the check-in page with search results");

            // The same code again.
            scan(browser, code);
            assertThat(outcome(browser, "already").getText()).contains(names[0], "déjà arrivé");
            browser.screenshot("check-in-already");

            // Nothing else is theirs: the attendee list is refused, without data.
            browser.driver.get(platform.gatewayUrl("/organiser/events/" + event + "/attendees"));
            WebElement error = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-page")));
            assertThat(error.getDomAttribute("data-status")).isEqualTo("403");
            assertThat(browser.driver.getPageSource()).doesNotContain(names[1]);
        }

        JsonNode attendees = api.json.readTree(
                api.expect(200, "GET", "/api/events/" + event + "/attendees?attended=true", ocim, null));
        assertThat(attendees.path("content")).hasSize(3);

        // Once checked in, the manage page links to the attestation, a PDF.
        try (Browser browser = Browser.phone("fr", 390, 844)) {
            browser.driver.get(platform.gatewayUrl(manage));
            WebElement link = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("attestation-link")));
            String href = link.getDomAttribute("href");
            assertThat(href).startsWith("/api/registrations/" + ids[0] + "/attestation.pdf?token=");
            HttpResponse<String> pdf = api.call("GET", platform.gatewayUrl(href), null, null);
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
            browser.assertAccessible("the manage page with the attestation link");
        }

        // Ocim's organiser sees them checked in, with the attendance counts.
        try (Browser browser = Browser.open("fr")) {
            browser.logIn(platform, "ocim");
            browser.driver.get(platform.gatewayUrl("/organiser/events/" + event + "/attendees"));
            WebElement checkedIn =
                    browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("stats-checked-in")));
            assertThat(checkedIn.getText()).isEqualTo("3");
            assertThat(browser.driver.findElements(By.cssSelector("td.attendance[data-attended=true]")))
                    .hasSize(3);
            browser.assertAccessible("the attendee page with attendance");
            browser.screenshot("organiser-attendance");

            // The attendance report, uploaded with the page's own form (a multipart body: its CSRF
            // token must still be accepted): the fourth registrant becomes attended.
            java.nio.file.Path report = java.nio.file.Files.createTempFile("attendance", ".csv");
            java.nio.file.Files.writeString(
                    report, "Name (Original Name),User Email,Duration (Minutes)\nMarc," + absentEmail + ",55\n");
            browser.driver.findElement(By.id("attendance-file")).sendKeys(report.toString());
            browser.driver.findElement(By.id("attendance-import-submit")).click();
            WebElement flash = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash-message")));
            assertThat(flash.getText()).contains("1");
            assertThat(browser.driver.findElement(By.id("stats-checked-in")).getText())
                    .isEqualTo("4");
            browser.assertAccessible("the attendee page after an import");
        }
    }

    @Test
    void icomGreeceReadsTheSessionItCoOrganisesAndNothingElse() throws Exception {
        PlatformApi api = new PlatformApi(platform);
        String icom = api.token("icom-france");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String partnered = inPersonEvent(api, icom, "Séance partenaire " + suffix, "icom-greece");
        String other = inPersonEvent(api, icom, "Séance interne " + suffix, null);
        String name = "Nikos Papadopoulos " + suffix;
        register(api, partnered, name, PlatformApi.address("partner-nikos"));
        register(api, other, "Hidden Person " + suffix, PlatformApi.address("partner-hidden"));

        try (Browser browser = Browser.phone("en", 390, 844)) {
            browser.logIn(platform, "icom-greece", "events-partnered");
            WebElement link = browser.until(ExpectedConditions.elementToBeClickable(By.id("partnered-" + partnered)));
            assertThat(browser.driver.getPageSource()).doesNotContain("Séance interne " + suffix);
            browser.assertAccessible("the partner's dashboard");
            link.click();
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("partner-read-only")));
            PlatformApi.await("the registrant is listed", Duration.ofSeconds(60), () -> {
                browser.driver.navigate().refresh();
                return browser.driver.getPageSource().contains(name);
            });
            assertThat(
                            browser.driver.findElements(
                                    By.cssSelector(
                                            "[id^=approve-], [id^=reject-], [id^=cancel-], [id^=mark-], [id^=unmark-], #attendance-import")))
                    .isEmpty();
            browser.assertAccessible("the partner's read-only attendee page");
            browser.screenshot("partner-attendees");

            browser.driver.get(platform.gatewayUrl("/organiser/events/" + other + "/attendees"));
            browser.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertThat(browser.driver.getPageSource()).doesNotContain("Hidden Person " + suffix);
            assertThat(browser.driver.findElements(By.id("attendee-list"))).isEmpty();
            browser.driver.get(platform.gatewayUrl("/organiser/events/" + partnered + "/edit"));
            browser.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertThat(browser.driver.findElements(By.id("event-save"))).isEmpty();
        }
    }

    /** A published in-person event in Dijon 10 days ahead, 9:00-17:00 Paris time; returns its id once open. */
    private static String inPersonEvent(PlatformApi api, String token, String title, String partner) throws Exception {
        LocalDate day = LocalDate.now().plusDays(10);
        String id = api.json
                .readTree(api.expect(
                        201,
                        "POST",
                        "/api/events",
                        token,
                        """
                        {"title": {"fr": "%s"}, "description": {"fr": "Un atelier sur place."}, "defaultLanguage": "fr",
                         "format": "IN_PERSON", "start": "%s", "end": "%s", "timeZone": "Europe/Paris",
                         "venue": {"name": "La Coursive Boutaric", "city": "Dijon", "country": "FR"},
                         "capacity": 30%s}"""
                                .formatted(
                                        title,
                                        day.atTime(9, 0),
                                        day.atTime(17, 0),
                                        partner == null ? "" : ", \"partnerOrganisations\": [\"" + partner + "\"]")))
                .get("id")
                .asString();
        api.expect(200, "POST", "/api/events/" + id + "/publish", token, null);
        api.awaitOpen(id, Duration.ofSeconds(60));
        return id;
    }

    private static String register(PlatformApi api, String event, String name, String email) throws Exception {
        return registered(api, event, name, email).get("id").asString();
    }

    /** The registration's answer: {@code id}, {@code status}, {@code token} (the manage link's). */
    private static JsonNode registered(PlatformApi api, String event, String name, String email) throws Exception {
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
        assertThat(response.body()).contains("\"CONFIRMED\"");
        return api.json.readTree(response.body());
    }

    /** The code the registrant's QR code encodes, as the organiser's attendee list shows it. */
    private static String checkInCode(PlatformApi api, String token, String event, String registration)
            throws Exception {
        JsonNode page =
                api.json.readTree(api.expect(200, "GET", "/api/events/" + event + "/attendees?size=100", token, null));
        for (JsonNode attendee : page.path("content")) {
            if (attendee.path("id").asString().equals(registration)) {
                String code = attendee.path("checkInCode").asString();
                assertThat(code).hasSize(22);
                return code;
            }
        }
        throw new AssertionError("No attendee " + registration);
    }

    private static void scan(Browser browser, String code) {
        WebElement field = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("check-in-code")));
        field.clear();
        field.sendKeys(code);
        click(browser, "check-in-submit");
    }

    private static void searchAndCheckIn(Browser browser, String query, String registration) {
        WebElement search = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("check-in-q")));
        search.clear();
        search.sendKeys(query);
        click(browser, "check-in-search-submit");
        browser.until(ExpectedConditions.elementToBeClickable(By.id("check-in-" + registration)));
        click(browser, "check-in-" + registration);
    }

    private static WebElement outcome(Browser browser, String outcome) {
        return browser.until(driver -> {
            var results = driver.findElements(By.cssSelector("#check-in-result[data-outcome='" + outcome + "']"));
            return results.isEmpty() ? null : results.get(0);
        });
    }

    /** Nothing wider than the screen: no sideways scrolling on a 390 px wide phone. */
    private static void assertFitsThePhone(Browser browser) {
        Number inner = (Number) ((JavascriptExecutor) browser.driver).executeScript("return window.innerWidth;");
        Number scroll = (Number)
                ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.scrollWidth;");
        assertThat(inner.intValue()).isEqualTo(390);
        assertThat(scroll.intValue()).isLessThanOrEqualTo(inner.intValue());
    }

    private static void click(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].click();", browser.driver.findElement(By.id(id)));
    }
}

package org.museumevents.local;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, the system's (Debian's {@code chromium} and {@code chromium-driver};
 * {@code -Dbrowser.chromium=} and {@code -Dbrowser.chromedriver=} point elsewhere). Where neither is
 * installed the browser tests are skipped, unless {@code BROWSER_TESTS=required} (as in
 * {@code .ci/run}, which installs them) makes that a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

    final WebDriver driver;
    final WebDriverWait wait;

    private Browser(String language, int width, int height, boolean phone) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height,
                        "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        if (phone) {
            // Headless windows are at least 500 px wide: a phone's viewport needs Chrome's device emulation.
            options.setExperimentalOption(
                    "mobileEmulation",
                    java.util.Map.of(
                            "deviceMetrics", java.util.Map.of("width", width, "height", height, "pixelRatio", 3.0)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A form's POST answers with a redirect and a new page: an element found on the old page
        // goes stale between the condition's find and its read. Look again rather than fail.
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A desktop-sized browser whose preferred language is {@code language}. */
    static Browser open(String language) {
        return open(language, 1280, 900);
    }

    static Browser open(String language, int width, int height) {
        return open(language, width, height, false);
    }

    /** A phone's viewport of {@code width} x {@code height} CSS pixels (device emulation, touch). */
    static Browser phone(String language, int width, int height) {
        return open(language, width, height, true);
    }

    private static Browser open(String language, int width, int height, boolean phone) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("BROWSER_TESTS"))) {
            throw new IllegalStateException("Chromium or chromedriver missing at " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        Assumptions.assumeTrue(installed, "No Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver)");
        return new Browser(language, width, height, phone);
    }

    /**
     * Waits for {@code condition}; on a timeout, keeps a screenshot ({@code failure.png}) and puts the
     * page's address and text into the error, so a red build says what the page said.
     */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            screenshot("failure");
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "%s%nat %s, the page read:%n%s"
                            .formatted(
                                    e.getMessage(),
                                    driver.getCurrentUrl(),
                                    text.substring(0, Math.min(3000, text.length()))),
                    e);
        }
    }

    /**
     * Runs axe-core's WCAG 2.1 A and AA rules ({@code wcag2a}, {@code wcag2aa}, {@code wcag21a},
     * {@code wcag21aa}) on the page the browser shows now, and fails with one line per violation: the
     * rule's id, its impact, the CSS selectors of the elements at fault and the rule's help. No rule
     * and no element is ever excluded: a violation is fixed in the gateway's templates or CSS.
     *
     * <p>Checked to fail, once, on purpose (2026-11-30, with a throwaway test not kept): on the login
     * page with the {@code <label for="password">} removed in the browser (by JavaScript), this method failed with
     * {@code 1 accessibility violation(s) on ... - label (critical) at [[#password]]: Form elements
     * must have labels}; with the label in place the same page passes. Nothing was changed in the
     * templates for it.
     *
     * @param where a few words naming the page, for the failure message
     * @throws AssertionError listing the violations, if there are any
     */
    void assertAccessible(String where) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not check " + where + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            screenshot("axe-failure");
            StringBuilder report = new StringBuilder("%d accessibility violation(s) on %s (%s):"
                    .formatted(violations.size(), where, driver.getCurrentUrl()));
            for (Rule rule : violations) {
                List<String> targets = new java.util.ArrayList<>();
                for (CheckedNode node : rule.getNodes()) {
                    targets.add(String.valueOf(node.getTarget()));
                }
                report.append(
                        "%n- %s (%s) at %s: %s".formatted(rule.getId(), rule.getImpact(), targets, rule.getHelp()));
            }
            throw new AssertionError(report.toString());
        }
    }

    /**
     * Logs in on the gateway's login page as a demo organiser (password {@code demo-secret}), checks
     * the login page with axe-core, and waits for the dashboard.
     *
     * @param username {@code icom-france} or {@code ocim}
     */
    void logIn(Platform platform, String username) {
        driver.get(platform.gatewayUrl("/organiser"));
        until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo-secret");
        assertAccessible("the login page");
        driver.findElement(By.id("login-submit")).click();
        until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(By.id("new-event")));
    }

    /**
     * Logs in as a demo login (password {@code demo-secret}), checks the login page with axe-core,
     * and waits for the element with id {@code landing} of the page the login leads to.
     *
     * @param username e.g. {@code ocim-door} (door staff land on the check-in events) or {@code icom-greece}
     */
    void logIn(Platform platform, String username, String landing) {
        driver.get(platform.gatewayUrl("/organiser"));
        until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo-secret");
        assertAccessible("the login page");
        driver.findElement(By.id("login-submit")).click();
        until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id(landing)));
    }

    /** Saves what the browser shows, for the README (docs/screenshots). */
    void screenshot(String name) {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("browser.screenshots", "target/screenshots"))
                .resolve(name + ".png");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package io.emailcode.keycloak.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through Debian's ChromeDriver: one per test class. It can run without JavaScript (a
 * profile preference, as a person would switch it off), in the dark colour scheme, and as a phone; screenshots go
 * to {@code target/screenshots}, a build artefact.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Light or dark, as the operating system would ask pages through {@code prefers-color-scheme}. */
    enum Scheme { LIGHT, DARK }

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** @param language the browser's language, which it sends as Accept-Language */
    static HeadlessChromium start(String language, boolean javascript) {
        // Selenium looks for DevTools bindings of this Chromium version; the commands used here do not need them.
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions()
                .setBinary(BINARY.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1100,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "profile.managed_default_content_settings.javascript", javascript ? 1 : 2));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    /** A new person: no cookies, so no Keycloak session and no demo app session. */
    void forgetEverything() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the element is gone, i.e. the page it was on has been replaced by the next one. */
    void awaitNextPage(WebElement onThisPage) {
        new WebDriverWait(driver, WAIT).until(d -> isGone(onThisPage));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            // ChromeDriver sometimes reports a node of a page that was just replaced this way instead of as stale.
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    void awaitUrlStartingWith(String prefix) {
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(prefix));
    }

    String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    /** keycloak.v2 follows {@code prefers-color-scheme} with a class on the root element; waits until it has. */
    void scheme(Scheme scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme.name().toLowerCase()))));
        new WebDriverWait(driver, WAIT).until(d -> Boolean.valueOf(scheme == Scheme.DARK).equals(
                driver.executeScript("return document.documentElement.classList.contains('pf-v5-theme-dark')")));
    }

    /** A phone: 375 x 667 CSS pixels at twice the density, with touch, honouring the page's viewport. */
    void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 375, "height", 667, "deviceScaleFactor", 2, "mobile", true));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens an HTML document as it is, e.g. an email as the SES emulator received it. */
    void openDocument(String html) {
        driver.get("data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        driver.quit();
    }
}

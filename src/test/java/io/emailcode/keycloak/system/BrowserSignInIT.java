package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real (headless) Chromium: email, code from the inbox, back to the app. Screenshots of each
 * page are kept in {@code target/screenshots} as build artefacts.
 */
@ExtendWith(RealStack.class)
class BrowserSignInIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final LocalStack stack;
    private final DemoRealm realm;
    private WebDriver browser;

    BrowserSignInIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    @BeforeEach
    void openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1100,900", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void personSignsInWithTheCodeFromTheInbox() throws IOException {
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        realm.admin().createUser(email, null);
        signIn(email, "en");
    }

    @Test
    void codePageSpeaksGerman() throws IOException {
        String email = "browser-de-" + UUID.randomUUID() + "@example.com";
        realm.admin().createUser(email, null);
        browser.get(authorizationUrl("de"));
        type(By.id("username"), email);
        WebElement code = waitFor(By.id("code"));
        assertTrue(browser.getPageSource().contains("Anmeldecode"), "German label");
        screenshot("code-page-de");
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
    }

    private void signIn(String email, String locale) throws IOException {
        browser.get(authorizationUrl(locale));
        screenshot("email-page-" + locale);
        type(By.id("username"), email);
        WebElement codeField = waitFor(By.id("code"));
        screenshot("code-page-" + locale);
        assertEquals("one-time-code", codeField.getAttribute("autocomplete"));
        assertEquals("numeric", codeField.getAttribute("inputmode"));
        assertTrue(browser.getPageSource().contains(DemoRealm.masked(email)));

        codeField.sendKeys("000000");
        browser.findElement(By.id("kc-login")).click();
        waitFor(By.id("input-error-code"));
        screenshot("wrong-code-" + locale);

        String code = realm.codeFor(email);
        type(By.id("code"), code);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().startsWith(LoginBrowser.REDIRECT_URI));
        assertTrue(browser.getCurrentUrl().contains("code="), browser.getCurrentUrl());
    }

    private String authorizationUrl(String locale) {
        return stack.keycloak().baseUrl() + "/realms/demo/protocol/openid-connect/auth?client_id=demo-app"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8090%2Fcallback&response_type=code&scope=openid"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&ui_locales=" + locale;
    }

    private void type(By field, String text) {
        WebElement element = waitFor(field);
        element.clear();
        element.sendKeys(text);
        element.submit();
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}

package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.theme.ThemeBundles;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The steps a person takes in the browser: the demo app's sign-in button, the address page, the code page, the
 * code from the SES emulator's inbox, and back in the demo app. Typing, never setting values.
 */
final class SignInJourney {

    static final By ADDRESS = By.id("username");
    static final By CODE = By.id("code");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(20);

    private final HeadlessChromium browser;
    private final LocalStack stack;
    private final DemoRealm realm;

    SignInJourney(HeadlessChromium browser, LocalStack stack, DemoRealm realm) {
        this.browser = browser;
        this.stack = stack;
        this.realm = realm;
        // The tests' demo app listens on a port of their own; its client must be allowed to come back there.
        realm.admin().allowRedirectsTo(LoginBrowser.CLIENT_ID, stack.demoApp().baseUrl().toString());
    }

    /** The demo app's home page, then its sign-in button: Keycloak's address page. */
    WebElement startAtTheDemoApp() {
        browser.open(stack.demoApp().baseUrl().toString());
        WebElement signIn = browser.waitFor(By.cssSelector("form[action='/login'] button"));
        signIn.click();
        return browser.waitFor(ADDRESS);
    }

    /** Keycloak's sign-in for the demo client, asking for the page in {@code languageTag} as an app would. */
    WebElement openLogin(String languageTag) {
        browser.open(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + LoginBrowser.CLIENT_ID + "&redirect_uri=" + URLEncoder.encode(stack.demoApp().baseUrl() + "/callback",
                StandardCharsets.UTF_8) + "&response_type=code&scope=openid"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                + "&ui_locales=" + languageTag);
        return browser.waitFor(ADDRESS);
    }

    /** Types the address and presses Enter: the code page. */
    WebElement submitAddress(String email) {
        WebElement field = browser.waitFor(ADDRESS);
        field.clear();
        field.sendKeys(email + Keys.ENTER);
        browser.awaitNextPage(field);
        return browser.waitFor(CODE);
    }

    /** Types into the code field. With JavaScript a complete code sends itself; the next page is awaited. */
    void typeCode(String text) {
        WebElement field = browser.waitFor(CODE);
        field.sendKeys(text);
        browser.awaitNextPage(field);
    }

    /** Types into the code field and presses Enter: how a person without JavaScript, or with half a code, sends it. */
    void typeCodeAndEnter(String text) {
        WebElement field = browser.waitFor(CODE);
        field.sendKeys(text + Keys.ENTER);
        browser.awaitNextPage(field);
    }

    /** Presses a button of the page (resend, sign in) and waits for the page that answers. */
    void press(By button) {
        WebElement element = browser.waitFor(button);
        element.click();
        browser.awaitNextPage(element);
    }

    String codeFor(String email) {
        return realm.codeFor(email);
    }

    /** The newest email to the address, its code remembered for the secrets check. */
    ReceivedEmail emailTo(String email) {
        realm.codeFor(email);
        return stack.ses().awaitEmailTo(email, MAIL_WAIT);
    }

    long emailsTo(String email) {
        return stack.ses().inbox().stream().filter(m -> m.isAddressedTo(email)).count();
    }

    /** Back in the demo app, which shows the ID token of the person who signed in. */
    void assertSignedInToTheDemoApp(String email, String screenshot) {
        browser.awaitUrlStartingWith(stack.demoApp().baseUrl().toString());
        assertEquals("Signed in as " + email, browser.waitFor(By.tagName("h1")).getText());
        browser.screenshot(screenshot);
    }

    /** A login page text as the theme's bundle words it in the language. */
    static String text(String languageTag, String key, Object... args) {
        try {
            return ThemeBundles.text(ThemeBundles.LOGIN_DIR, languageTag, key, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String emailText(String languageTag, String key, Object... args) {
        try {
            return ThemeBundles.text(ThemeBundles.EMAIL_DIR, languageTag, key, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code page's sentence about where the code went, and its field, as a screen reader meets them. */
    void assertCodePageFor(String shownAddress) {
        assertEquals(text("en", "emailCodeInstruction", shownAddress), browser.waitFor(By.id("kc-email-code-instruction")).getText());
        assertEquals(CODE.toString(), By.id(browser.focusedId()).toString(), "focus starts in the code field");
        assertTrue(browser.waitFor(CODE).getAttribute("aria-describedby").contains("kc-email-code-instruction"));
    }
}

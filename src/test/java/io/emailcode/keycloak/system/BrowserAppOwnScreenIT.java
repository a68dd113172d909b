package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Accessibility;
import io.emailcode.keycloak.system.fixture.ChromiumPerClass;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HeadlessChromium;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.SignInJourney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A person in a real Chromium signs in on the demo app's own sign-in screen: the demo app's server plays a native app
 * and talks to the authorization challenge endpoint as the realm's client {@code demo-native}, then redeems the
 * authorization code at the token endpoint, refreshes the tokens and calls its API with the access token, as after the
 * browser sign-in.
 */
@ExtendWith({RealStack.class, ChromiumPerClass.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserAppOwnScreenIT {

    private final LocalStack stack;
    private final DemoRealm realm;
    private final HeadlessChromium browser;
    private final Accessibility axe;
    private final SignInJourney journey;

    BrowserAppOwnScreenIT(LocalStack stack, DemoRealm realm, HeadlessChromium browser) {
        this.stack = stack;
        this.realm = realm;
        this.browser = browser;
        this.axe = new Accessibility(browser, "app-own-screen");
        this.journey = new SignInJourney(browser, stack, realm);
    }

    @Test
    void personSignsInOnTheAppsOwnScreenAfterAWrongCodeAndTheAppRefreshesAndCallsItsApiAsTheNativeClient() {
        String email = realm.newUser();
        browser.open(stack.demoApp().baseUrl().toString());
        journey.press(By.linkText("Sign in with the app's own screen"));
        WebElement address = browser.waitFor(By.id("email"));
        axe.check("41-app-own-address-form");
        address.sendKeys(email + Keys.ENTER);
        browser.awaitNextPage(address);

        assertEquals("If " + email + " can sign in, a code is on its way to it. Type the code from the email.",
                browser.waitFor(By.id("app-instruction")).getText());
        assertEquals("one-time-code", browser.waitFor(By.id("code")).getAttribute("autocomplete"));
        axe.check("42-app-own-code-form");
        String code = realm.codeFor(email);
        typeCode(DemoRealm.wrong(code));
        WebElement wrong = browser.waitFor(By.id("app-message"));
        assertEquals("That code is not right. Check the email and type it again.", wrong.getText());
        assertEquals("alert", wrong.getAttribute("role"));
        axe.check("43-app-own-wrong-code");

        typeCode(code);
        journey.assertSignedInToTheDemoApp(email, "44-app-own-signed-in");
        journey.press(By.cssSelector("form[action='/refresh'] button"));
        assertEquals("Tokens refreshed.", browser.waitFor(By.cssSelector("p.notice")).getText(), "refreshed as demo-native");
        journey.press(By.cssSelector("form[action='/call-api'] button"));
        String api = browser.waitFor(By.id("api-result")).getText();
        assertTrue(api.startsWith("GET /api/whoami -> HTTP 200"), api);
        assertTrue(api.contains("\"azp\" : \"demo-native\""), "the native client's access token: " + api);
        assertTrue(api.contains("\"email\" : \"" + email + "\""), api);
        axe.check("45-app-own-api-answer");
    }

    private void typeCode(String text) {
        WebElement field = browser.waitFor(By.id("code"));
        field.sendKeys(text + Keys.ENTER);
        browser.awaitNextPage(field);
    }
}

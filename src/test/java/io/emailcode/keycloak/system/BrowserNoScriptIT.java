package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.ChromiumPerClass;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HeadlessChromium;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.SignInJourney;
import static io.emailcode.keycloak.system.fixture.SignInJourney.CODE;
import static io.emailcode.keycloak.system.fixture.SignInJourney.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Chromium with JavaScript switched off in its profile, as a person can: the sign-in still works end to end.
 * Script only adds the countdown and sending a complete code; without it the server does the rest.
 */
@ExtendWith({RealStack.class, ChromiumPerClass.class})
@ChromiumPerClass.WithoutJavaScript
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserNoScriptIT {

    private final DemoRealm realm;
    private final HeadlessChromium browser;
    private final SignInJourney journey;

    BrowserNoScriptIT(LocalStack stack, DemoRealm realm, HeadlessChromium browser) {
        this.realm = realm;
        this.browser = browser;
        this.journey = new SignInJourney(browser, stack, realm);
    }

    @Test
    void withoutJavaScriptAPersonSignsInWithAPastedLineOfTheEmail() throws InterruptedException {
        String email = realm.newUser();
        journey.startAtTheDemoApp();
        browser.screenshot("17-no-script-address-page");
        journey.submitAddress(email);
        WebElement resend = browser.waitFor(By.id("kc-resend"));
        assertNull(resend.getAttribute("aria-disabled"), "no script ran on the page");
        assertTrue(browser.waitFor(By.id("kc-resend-wait")).getText().matches("You can request a new code in 0:[0-3]\\d\\."),
                "the wait is written into the page");
        browser.screenshot("17-no-script-code-page");

        journey.press(By.id("kc-resend"));
        String early = browser.waitFor(By.id("kc-email-code-message")).getText();
        assertTrue(early.matches("Please wait 0:[0-3]\\d before requesting another code\\."), early);
        browser.screenshot("18-no-script-resend-too-early");

        String code = journey.codeFor(email);
        journey.typeCodeAndEnter("000-000");
        assertEquals(text("en", "emailCodeInvalid"), browser.waitFor(By.id("input-error-code")).getText());
        browser.screenshot("19-no-script-wrong-code");

        WebElement field = browser.waitFor(CODE);
        field.sendKeys(SignInJourney.emailText("en", "emailCodeIntro", "Demo") + " " + code);
        Thread.sleep(1_000);
        assertEquals("code", field.getAttribute("id"), "without script a complete code waits for Enter");
        field.sendKeys(Keys.ENTER);
        browser.awaitNextPage(field);
        journey.assertSignedInToTheDemoApp(email, "20-no-script-signed-in-with-a-pasted-line");
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Accessibility;
import io.emailcode.keycloak.system.fixture.ChromiumPerClass;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HeadlessChromium;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.SignInJourney;
import static io.emailcode.keycloak.system.fixture.SignInJourney.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The same sign-in with the keyboard alone, on a phone-sized screen, and as a second factor after a password. */
@ExtendWith({RealStack.class, ChromiumPerClass.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserOtherWaysIT {

    private final LocalStack stack;
    private final DemoRealm realm;
    private final HeadlessChromium browser;
    private final Accessibility axe;
    private final SignInJourney journey;

    BrowserOtherWaysIT(LocalStack stack, DemoRealm realm, HeadlessChromium browser) {
        this.stack = stack;
        this.realm = realm;
        this.browser = browser;
        this.axe = new Accessibility(browser, "other-ways");
        this.journey = new SignInJourney(browser, stack, realm);
    }

    @Test
    void theKeyboardAloneSignsIn() {
        String email = realm.newUser();
        browser.open(stack.demoApp().baseUrl().toString());
        keys(Keys.TAB);
        assertEquals("Sign in", browser.driver().switchTo().activeElement().getText());
        keys(Keys.ENTER);
        browser.waitFor(SignInJourney.ADDRESS);
        assertEquals("username", browser.focusedId(), "focus starts in the address field");
        WebElement addressPage = browser.waitFor(By.id("kc-login"));
        keys(email, Keys.ENTER);
        browser.awaitNextPage(addressPage);
        browser.waitFor(SignInJourney.CODE);
        assertEquals("code", browser.focusedId(), "focus starts in the code field");

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys(Keys.TAB);
            order.add(browser.focusedId());
        }
        assertEquals(List.of("kc-login", "kc-resend", "kc-use-another-email"), order, "tab order after the code field");
        List<String> back = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            back.add(browser.focusedId());
        }
        assertEquals(List.of("kc-resend", "kc-login", "code"), back, "shift-tab goes back the same way");
        browser.screenshot("14-keyboard-code-page");

        String code = journey.codeFor(email);
        WebElement codePage = browser.waitFor(SignInJourney.CODE);
        keys(code.substring(0, 5), Keys.ENTER);
        browser.awaitNextPage(codePage);
        assertEquals(text("en", "emailCodeInvalid"), browser.waitFor(By.id("input-error-code")).getText(), "Enter sends the form");
        assertEquals("code", browser.focusedId(), "focus is back in the code field");

        WebElement again = browser.waitFor(SignInJourney.CODE);
        keys(code);
        browser.awaitNextPage(again);
        journey.assertSignedInToTheDemoApp(email, "14-keyboard-signed-in");
    }

    @Test
    void aPhoneSizedScreenShowsEverythingWithoutSidewaysScrolling() {
        String email = realm.newUser();
        browser.phone();
        try {
            journey.startAtTheDemoApp();
            assertFitsTheScreen();
            axe.checkPage("15-phone-address-page");
            journey.submitAddress(email);
            assertFitsTheScreen();
            axe.checkPage("16-phone-code-page");
            journey.typeCode(journey.codeFor(email));
            journey.assertSignedInToTheDemoApp(email, "16-phone-signed-in");
        } finally {
            browser.desktop();
        }
    }

    @Test
    void aSecondFactorAfterThePasswordShowsTheAccountsAddressMasked() {
        JsonNode before = realm.admin().realmRepresentation();
        realm.admin().updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.SECOND_FACTOR_FLOW));
        try {
            String email = "second-" + UUID.randomUUID() + "@example.com";
            realm.admin().createUser(email, "correct horse battery staple");
            journey.startAtTheDemoApp();
            assertEquals("Sign in", browser.waitFor(By.id("kc-login")).getText().trim(), "one wording for the button");
            axe.checkPage("12-second-factor-password-page");
            WebElement passwordPage = browser.waitFor(By.id("kc-login"));
            browser.waitFor(SignInJourney.ADDRESS).sendKeys(email);
            browser.waitFor(By.id("password")).sendKeys("correct horse battery staple" + Keys.ENTER);
            browser.awaitNextPage(passwordPage);

            browser.waitFor(SignInJourney.CODE);
            journey.assertCodePageFor(DemoRealm.masked(email));
            WebElement typed = browser.waitFor(By.id("kc-attempted-username"));
            assertEquals(email, typed.getAttribute("value"), "the username the person typed, in a labelled field");
            assertEquals("kc-attempted-username", browser.driver().findElement(By.cssSelector("label[for='kc-attempted-username']"))
                    .getAttribute("for"));
            axe.checkPage("13-second-factor-code-page");
            journey.typeCode(journey.codeFor(email));
            journey.assertSignedInToTheDemoApp(email, "13-second-factor-signed-in");
        } finally {
            realm.admin().updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", before.get("browserFlow").asText()));
        }
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private void assertFitsTheScreen() {
        Object overflow = browser.driver().executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
        assertEquals(0L, ((Number) overflow).longValue(), "the page scrolls sideways");
        Object right = browser.driver().executeScript(
                "return document.getElementById('kc-login').getBoundingClientRect().right <= window.innerWidth");
        assertTrue((Boolean) right, "the sign-in button is cut off");
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Accessibility;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.ChromiumPerClass;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HeadlessChromium;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.SignInJourney;
import io.emailcode.keycloak.system.fixture.StackState;
import static io.emailcode.keycloak.system.fixture.SignInJourney.CODE;
import static io.emailcode.keycloak.system.fixture.SignInJourney.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new person in a real Chromium, from the demo app's sign-in button to being signed in to it, and every way
 * the code page can answer; and the same page verifying an address (Keycloak's "Verify email" delivered by code), in
 * the account's language. Each page is checked with axe in the light and the dark scheme and screenshotted.
 */
@ExtendWith({RealStack.class, ChromiumPerClass.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSignInIT {

    /** The account console's "Update email": Keycloak's UPDATE_EMAIL action, started by the console. */
    private static final By UPDATE_EMAIL_BUTTON = By.id("update-email-btn");

    private final LocalStack stack;
    private final DemoRealm realm;
    private final HeadlessChromium browser;
    private final Accessibility axe;
    private final SignInJourney journey;

    BrowserSignInIT(LocalStack stack, DemoRealm realm, HeadlessChromium browser) {
        this.stack = stack;
        this.realm = realm;
        this.browser = browser;
        this.axe = new Accessibility(browser, "sign-in");
        this.journey = new SignInJourney(browser, stack, realm);
    }

    @Test
    void personSignsInToTheDemoAppWithTheCodeFromTheInbox() {
        String email = realm.newUser();
        journey.startAtTheDemoApp();
        assertEquals("Sign in", browser.waitFor(By.id("kc-login")).getText().trim(), "one wording for the button");
        axe.checkPage("01-address-page");

        WebElement field = journey.submitAddress(email);
        journey.assertCodePageFor(email);
        assertEquals("one-time-code", field.getAttribute("autocomplete"));
        assertEquals("numeric", field.getAttribute("inputmode"));
        assertNull(field.getAttribute("maxlength"), "a pasted code with spaces must not be cut");
        assertEquals(text("en", "emailCodeValidity", 5), browser.waitFor(By.id("kc-email-code-validity")).getText());
        assertEquals("Sign in", browser.waitFor(By.id("kc-login")).getText().trim());
        axe.checkPage("02-code-page");

        String code = journey.codeFor(email);
        journey.typeCode(DemoRealm.wrong(code));
        WebElement wrong = browser.waitFor(CODE);
        assertEquals("true", wrong.getAttribute("aria-invalid"));
        assertTrue(wrong.getAttribute("aria-describedby").startsWith("input-error-code "), wrong.getAttribute("aria-describedby"));
        WebElement error = browser.waitFor(By.id("input-error-code"));
        assertEquals(text("en", "emailCodeInvalid"), error.getText());
        assertEquals("polite", error.findElement(By.xpath("./ancestor::*[@aria-live][1]")).getAttribute("aria-live"));
        assertEquals("code", browser.focusedId(), "focus is back in the field");
        axe.checkPage("03-wrong-code");

        journey.typeCode("Your code: " + code.substring(0, 3) + " " + code.substring(3));
        journey.assertSignedInToTheDemoApp(email, "04-signed-in-to-the-demo-app");
    }

    @Test
    void theAttemptLimitKillsTheCodeAndANewCodeSignsIn() throws InterruptedException {
        realm.admin().updateStepConfig(DemoRealm.FLOW, Map.of("resend.cooldown.seconds", "0"));
        String email = realm.newUser();
        try {
            journey.startAtTheDemoApp();
            journey.submitAddress(email);
            String code = journey.codeFor(email);
            for (int attempt = 0; attempt < 5; attempt++) {
                // At a person's pace: failures less than a second apart make Keycloak lock the account for a minute.
                Thread.sleep(1_200);
                journey.typeCode(DemoRealm.wrong(code));
            }
            WebElement alert = browser.waitFor(By.id("kc-email-code-message"));
            assertEquals("alert", alert.getAttribute("role"));
            assertEquals(text("en", "emailCodeAttemptsExhausted"), alert.getText());
            assertTrue(browser.waitFor(CODE).getAttribute("aria-describedby").startsWith("kc-email-code-message "));
            axe.checkPage("05-attempts-exhausted");

            journey.typeCode(code);
            assertEquals(text("en", "emailCodeAttemptsExhausted"), browser.waitFor(By.id("kc-email-code-message")).getText(),
                    "the right code no longer works");
            aNewCodeSignsIn(email, code, "06-new-code-sent");
        } finally {
            realm.admin().clearBruteForce(realm.admin().userIdByEmail(email));
        }
    }

    @Test
    void resendCountsDownThenSendsANewCode() throws InterruptedException {
        realm.admin().updateStepConfig(DemoRealm.FLOW, Map.of("resend.cooldown.seconds", "10"));
        String email = realm.newUser();
        journey.startAtTheDemoApp();
        journey.submitAddress(email);
        String first = journey.codeFor(email);
        WebElement resend = browser.waitFor(By.id("kc-resend"));
        WebElement wait = browser.waitFor(By.id("kc-resend-wait"));
        assertEquals("true", resend.getAttribute("aria-disabled"));
        long before = secondsIn(wait.getText());
        assertTrue(before > 0 && before <= 10, wait.getText());
        axe.checkPage("07-resend-counting-down");

        resend.click();
        Thread.sleep(1_500);
        assertEquals(1, journey.emailsTo(email), "a press during the countdown sends nothing");
        assertTrue(secondsIn(wait.getText()) < before, "the countdown moves: " + wait.getText());

        WebElement ready = browser.driver().findElement(By.id("kc-resend-ready"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(25)).until(d -> !ready.getText().isEmpty());
        assertEquals(text("en", "emailCodeResendReady"), ready.getText());
        assertEquals("polite", ready.getAttribute("aria-live"));
        assertNull(resend.getAttribute("aria-disabled"));
        axe.checkPage("08-resend-ready");

        aNewCodeSignsIn(email, first, "09-new-code-sent");
    }

    @Test
    void anotherEmailAddressStartsAgainFromTheAddressPageWhichRefusesANonAddress() {
        String mistyped = DemoRealm.newAddress("mistyped");
        String email = realm.newUser();
        journey.startAtTheDemoApp();
        journey.submitAddress(mistyped);
        journey.press(By.id("kc-use-another-email"));
        WebElement address = browser.waitFor(SignInJourney.ADDRESS);
        assertEquals("", address.getAttribute("value"));
        browser.screenshot("10-address-page-again");

        address.sendKeys("not an address" + Keys.ENTER);
        browser.awaitNextPage(address);
        WebElement refused = browser.waitFor(SignInJourney.ADDRESS);
        assertEquals("true", refused.getAttribute("aria-invalid"));
        assertEquals(text("en", "emailCodeAddressInvalid"), browser.waitFor(By.id("input-error-username")).getText());
        axe.checkPage("10-invalid-address");

        journey.submitAddress(email);
        journey.assertCodePageFor(email);
        journey.typeCode(journey.codeFor(email));
        journey.assertSignedInToTheDemoApp(email, "10-signed-in-with-the-other-address");
    }

    @Test
    void anUnknownAddressSeesTheSamePageAndGetsNoEmail() {
        String known = realm.newUser();
        journey.startAtTheDemoApp();
        journey.submitAddress(known);
        String knownPage = withoutCountdown(browser.waitFor(By.tagName("main")).getText().replace(known, "ADDRESS"));
        journey.codeFor(known);

        browser.forgetEverything();
        String unknown = DemoRealm.newAddress("nobody");
        journey.startAtTheDemoApp();
        journey.submitAddress(unknown);
        journey.assertCodePageFor(unknown);
        assertEquals(knownPage, withoutCountdown(browser.waitFor(By.tagName("main")).getText().replace(unknown, "ADDRESS")));
        axe.checkPage("11-unknown-address");
        assertEquals(0, journey.emailsTo(unknown), "no email to an address without an account");
    }

    @Test
    void aPersonAskedToVerifyTheirAddressGetsTheCodePageInTheirLanguage() {
        RealmAdmin admin = realm.admin();
        String email = DemoRealm.newAddress("verify-de");
        String userId = signInWithVerificationPending(email, "de", "CODE");
        assertEquals(text("de", "emailCodeVerifyTitle"), browser.waitFor(By.id("kc-page-title")).getText().trim());
        assertEquals(text("de", "emailCodeVerifyInstruction", DemoRealm.masked(email)),
                browser.waitFor(By.id("kc-email-code-instruction")).getText());
        assertTrue(browser.driver().findElements(By.id("kc-use-another-email")).isEmpty(), "the code goes to the account's own address");
        axe.checkPage("24-verify-email-de");

        String code = journey.codeFor(email);
        assertEquals(SignInJourney.emailText("de", "emailCodeVerifySubject", "Demo"), journey.emailTo(email).subject());
        journey.typeCode(DemoRealm.wrong(code));
        assertEquals(text("de", "emailCodeInvalid"), browser.waitFor(By.id("input-error-code")).getText());
        axe.checkPage("25-verify-email-wrong-code-de");
        journey.typeCode(code);
        journey.assertSignedInToTheDemoApp(email, "26-verified-and-signed-in");
        assertTrue(admin.user(userId).get("emailVerified").asBoolean());
    }

    @Test
    void aNewcomerWhoRegistersVerifiesTheAddressByCodeAfterAnExpiredCodeAndAResend() {
        RealmAdmin admin = realm.admin();
        admin.replaceRequiredActionConfig(StackState.VERIFY_EMAIL, Map.of("email-code.deliver", "CODE"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", "browser")
                .put("registrationAllowed", true).put("verifyEmail", true));
        // The verification door follows the realm's Email code step: every flow of the test realm has one.
        admin.updateEveryStepConfig(Map.of("code.validity.seconds", "60"));
        String email = DemoRealm.newAddress("newcomer");

        journey.startAtTheDemoApp();
        journey.press(By.cssSelector("#kc-registration a"));
        browser.waitFor(By.id("firstName")).sendKeys("New");
        browser.waitFor(By.id("lastName")).sendKeys("Comer");
        WebElement address = browser.waitFor(By.id("email"));
        address.sendKeys(email + Keys.ENTER);
        browser.awaitNextPage(address);
        assertEquals(text("en", "emailCodeVerifyTitle"), browser.waitFor(By.id("kc-page-title")).getText().trim());
        axe.checkPage("27-verify-email-after-registration");

        String expired = journey.codeFor(email);
        realm.time().set(Duration.ofSeconds(61));
        journey.typeCode(expired);
        assertEquals(text("en", "emailCodeExpired"), browser.waitFor(By.id("kc-email-code-message")).getText());
        journey.press(By.id("kc-resend"));
        assertEquals(text("en", "emailCodeSent"), browser.waitFor(By.id("kc-email-code-message")).getText());
        String fresh = journey.codeFor(email);
        assertNotEquals(expired, fresh);
        journey.typeCode(fresh);
        assertTrue(admin.user(admin.userIdByEmail(email)).get("emailVerified").asBoolean());

        // Where the realm verifies addresses, Keycloak 26.7's registration sets no password: it asks for one now.
        WebElement password = browser.waitFor(By.id("password-new"));
        password.sendKeys("Newcomer-Passw0rd!");
        WebElement confirm = browser.waitFor(By.id("password-confirm"));
        confirm.sendKeys("Newcomer-Passw0rd!" + Keys.ENTER);
        journey.assertSignedInToTheDemoApp(email, "28-registered-verified-signed-in");
    }

    @Test
    void withTheLinkTheVerificationIsKeycloaksOwnPageAndLink() {
        RealmAdmin admin = realm.admin();
        String email = DemoRealm.newAddress("link");
        String userId = signInWithVerificationPending(email, null, "LINK");
        assertTrue(browser.driver().findElements(CODE).isEmpty(), "Keycloak's own page, without a code field");
        browser.screenshot("29-verify-email-link");

        java.util.regex.Matcher link = Pattern.compile("https?://\\S+action-token\\S+").matcher(realm.lastEmailTo(email).text());
        assertTrue(link.find(), "Keycloak's verification link");
        browser.open(link.group());
        journey.assertSignedInToTheDemoApp(email, "30-verified-by-link-signed-in");
        assertTrue(admin.user(userId).get("emailVerified").asBoolean());
    }

    @Test
    void aPersonChangesTheirAddressInTheAccountConsoleWithACodeInTheirLanguage() {
        RealmAdmin admin = realm.admin();
        String previous = DemoRealm.newAddress("console-de");
        String next = DemoRealm.newAddress("console-next");
        String userId = admin.createUser(previous, null, "de");
        browser.open(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/account/");
        journey.submitAddress(previous);
        journey.typeCode(journey.codeFor(previous));
        WebElement update = browser.waitFor(UPDATE_EMAIL_BUTTON);
        browser.screenshot("31-account-console-de");
        update.click();
        browser.awaitNextPage(update);

        WebElement field = browser.waitFor(By.id("email"));
        axe.checkPage("32-update-email-form-de");
        field.clear();
        field.sendKeys(next + Keys.ENTER);
        browser.awaitNextPage(field);
        assertEquals(text("de", "emailCodeChangeTitle"), browser.waitFor(By.id("kc-page-title")).getText().trim());
        assertEquals(text("de", "emailCodeChangeInstruction", next), browser.waitFor(By.id("kc-email-code-instruction")).getText());
        axe.checkPage("33-update-email-code-de");
        assertEquals(previous, admin.user(userId).get("email").asText(), "nothing changes before the proof");

        String code = journey.codeFor(next);
        assertEquals(SignInJourney.emailText("de", "emailCodeChangeSubject", "Demo"), journey.emailTo(next).subject());
        journey.typeCode(DemoRealm.wrong(code));
        assertEquals(text("de", "emailCodeInvalid"), browser.waitFor(By.id("input-error-code")).getText());
        journey.typeCode(code);
        browser.awaitUrlStartingWith(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/account");
        browser.waitFor(UPDATE_EMAIL_BUTTON);
        browser.screenshot("34-account-console-changed-de");
        assertEquals(next, admin.user(userId).get("email").asText());
        String notice = SignInJourney.emailText("de", "emailCodeChangedSubject", "Demo");
        Await.condition("the notice to the previous address", Duration.ofSeconds(30), () -> stack.ses().inbox().stream()
                .anyMatch(mail -> mail.isAddressedTo(previous) && mail.subject().equals(notice)));
    }

    @Test
    void aNewAddressAnotherAccountHoldsIsRefusedOnlyAfterItsCodeAfterAnExpiredCodeAndAResend() {
        RealmAdmin admin = realm.admin();
        admin.updateEveryStepConfig(Map.of("code.validity.seconds", "60", "resend.cooldown.seconds", "0"));
        String taken = DemoRealm.newAddress("held");
        admin.createUser(taken, null);
        signInWithAddressChangePending("CODE");
        WebElement field = browser.waitFor(By.id("email"));
        field.clear();
        field.sendKeys(taken + Keys.ENTER);
        browser.awaitNextPage(field);
        assertEquals(text("en", "emailCodeChangeInstruction", taken), browser.waitFor(By.id("kc-email-code-instruction")).getText(),
                "the same page as for any address");

        String expired = journey.codeFor(taken);
        realm.time().set(Duration.ofSeconds(61));
        journey.typeCode(expired);
        assertEquals(text("en", "emailCodeExpired"), browser.waitFor(By.id("kc-email-code-message")).getText());
        journey.press(By.id("kc-resend"));
        assertEquals(text("en", "emailCodeSent"), browser.waitFor(By.id("kc-email-code-message")).getText());
        journey.typeCode(journey.codeFor(taken));
        assertEquals(text("en", "emailCodeChangeAddressTaken"), browser.waitFor(By.id("input-error-email")).getText());
        axe.checkPage("35-update-email-address-taken");

        String next = DemoRealm.newAddress("instead");
        WebElement again = browser.waitFor(By.id("email"));
        again.clear();
        again.sendKeys(next + Keys.ENTER);
        browser.awaitNextPage(again);
        journey.typeCode(journey.codeFor(next));
        journey.assertSignedInToTheDemoApp(next, "36-changed-and-signed-in");
        assertEquals(next, admin.user(admin.userIdByEmail(next)).get("email").asText());
    }

    @Test
    void withTheLinkTheAddressChangeIsKeycloaksOwn() {
        signInWithAddressChangePending("LINK");
        String next = DemoRealm.newAddress("link-next");
        WebElement field = browser.waitFor(By.id("email"));
        field.clear();
        field.sendKeys(next + Keys.ENTER);
        browser.awaitNextPage(field);
        assertTrue(browser.driver().findElements(CODE).isEmpty(), "Keycloak's own page, without a code field");
        browser.screenshot("37-update-email-link");
        assertTrue(stack.ses().awaitEmailTo(next, Duration.ofSeconds(30)).text().contains("action-token"), "Keycloak's link");
    }

    /**
     * A new account asked to change its address (delivered as {@code deliver}) signs in by code at the demo app: the
     * browser is at Keycloak's "Update email" form.
     *
     * @return the account's address
     */
    private String signInWithAddressChangePending(String deliver) {
        RealmAdmin admin = realm.admin();
        Map<String, String> config = "LINK".equals(deliver)
                ? Map.of("email-code.deliver", deliver, "verifyEmail", "true") : Map.of("email-code.deliver", deliver);
        admin.replaceRequiredActionConfig(StackState.UPDATE_EMAIL, config);
        String email = DemoRealm.newAddress("change");
        String userId = admin.createUser(email, null);
        admin.updateUser(userId, RealmAdmin.JSON.createObjectNode()
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add(StackState.UPDATE_EMAIL)));
        journey.startAtTheDemoApp();
        journey.submitAddress(email);
        journey.typeCode(journey.codeFor(email));
        return email;
    }

    /**
     * A new account with a password whose address Keycloak asks to verify, delivered as {@code deliver}, signs in
     * at the password form of Keycloak's own browser flow: the browser is at the verification's page.
     *
     * @param locale the account's language, or null
     * @return the account's id
     */
    private String signInWithVerificationPending(String email, String locale, String deliver) {
        RealmAdmin admin = realm.admin();
        admin.replaceRequiredActionConfig(StackState.VERIFY_EMAIL, Map.of("email-code.deliver", deliver));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", "browser"));
        String password = "Verify-Passw0rd!";
        String userId = admin.createUser(email, password, locale);
        admin.updateUser(userId, RealmAdmin.JSON.createObjectNode().put("emailVerified", false)
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add(StackState.VERIFY_EMAIL)));
        journey.startAtTheDemoApp().sendKeys(email);
        WebElement passwordField = browser.waitFor(By.id("password"));
        passwordField.sendKeys(password + Keys.ENTER);
        browser.awaitNextPage(passwordField);
        return userId;
    }

    /** "Send a new code": the page says so politely, the new code replaces the old one and signs in. */
    private void aNewCodeSignsIn(String email, String oldCode, String page) {
        journey.press(By.id("kc-resend"));
        WebElement status = browser.waitFor(By.id("kc-email-code-message"));
        assertEquals("status", status.getAttribute("role"), status.getText());
        assertEquals(text("en", "emailCodeSent"), status.getText());
        axe.checkPage(page);
        String newCode = journey.codeFor(email);
        assertNotEquals(oldCode, newCode);
        journey.typeCode(newCode);
        journey.assertSignedInToTheDemoApp(email, page + "-signed-in");
    }

    /** The countdown moves while the test reads the page. */
    private static String withoutCountdown(String text) {
        return text.replaceAll("\\d+:\\d\\d", "m:ss");
    }

    private static long secondsIn(String text) {
        var m = Pattern.compile("(\\d+):(\\d\\d)").matcher(text);
        assertTrue(m.find(), "no m:ss in " + text);
        return Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2));
    }
}

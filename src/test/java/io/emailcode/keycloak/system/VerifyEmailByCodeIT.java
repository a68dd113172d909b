package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.StackState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak's "Verify email" required action delivered by code, through the real server: the person who must verify
 * their address gets a code page in the same browser, and the right code verifies the address with Keycloak's own
 * {@code VERIFY_EMAIL} event. A code completes only its own door: a verification code signs nobody in, a sign-in
 * code verifies nothing; the two doors share the address's budgets. "Link" is Keycloak's own action.
 */
@ExtendWith(RealStack.class)
class VerifyEmailByCodeIT {

    private static final String PASSWORD = "Verify-Passw0rd!";
    private static final String VERIFY_EMAIL = StackState.VERIFY_EMAIL;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    VerifyEmailByCodeIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    private static PoolUsers pool;

    @BeforeAll
    static void allowQuickRetriesAndReadThePool(LocalStack stack, DemoRealm realm) {
        realm.allowQuickRetries();
        pool = new PoolUsers(stack.cognito());
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    /** The realm delivers "Verify email" by code, and signs people in with Keycloak's password form. */
    @BeforeEach
    void deliverByCodeBehindAPasswordForm() {
        assertEquals(204, admin.replaceRequiredActionConfig(VERIFY_EMAIL, Map.of("email-code.deliver", "CODE")).statusCode());
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", "browser"));
    }

    @Test
    void aUserAskedToVerifyAtSignInGetsACodePageAndTheRightCodeVerifiesTheAddress() {
        String email = DemoRealm.newAddress("verify");
        String userId = unverifiedUserWithPendingVerification(email);
        RealmAdmin.EventMark mark = admin.mark();

        LoginBrowser browser = signInWithPassword(email);
        LoginBrowser.Page page = browser.page();
        assertTrue(page.shows("Verify your email address") && page.shows("We sent a verification code to"), page.html());
        assertFalse(page.shows("kc-use-another-email"), "the code goes to the account's own address");
        ReceivedEmail mail = realm.lastEmailTo(email);
        assertTrue(mail.subject().startsWith("Your verification code for"), mail.subject());
        Await.condition("the account mirrored, its address unverified", WAIT,
                () -> pool.withEmail(email).map(user -> "false".equals(user.get("email_verified"))).orElse(false));
        assertFalse(mail.text().contains("sign in"), "a verification email never speaks of signing in: " + mail.text());

        browser.submitCode(realm.codeFor(email));
        assertNotNull(browser.authorizationCode(), "the sign-in goes on to the app");
        assertTrue(admin.user(userId).get("emailVerified").asBoolean(), "the address is verified");
        assertEquals(0, admin.user(userId).get("requiredActions").size());
        JsonNode verified = since(mark, "VERIFY_EMAIL", userId);
        assertEquals(email, verified.path("details").path("email").asText(), verified.toString());
        Await.condition("the pool told the address is verified, after the proof", WAIT,
                () -> pool.withEmail(email).map(user -> "true".equals(user.get("email_verified"))).orElse(false));
    }

    @Test
    void registrationWithAPasswordIsFollowedByVerificationByCode() {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true).put("verifyEmail", true));
        String email = DemoRealm.newAddress("registered");
        LoginBrowser browser = realm.browser();
        browser.openRegistration();
        browser.submitRegistration(email, PASSWORD);
        LoginBrowser.Page page = followRedirect(browser);
        assertTrue(page.shows("Verify your email address"), page.html());
        String userId = admin.userIdByEmail(email);
        assertFalse(admin.user(userId).get("emailVerified").asBoolean(), "not before the code");

        LoginBrowser.Page next = browser.submitCode(realm.codeFor(email));
        JsonNode verified = admin.user(userId);
        assertTrue(verified.get("emailVerified").asBoolean());
        assertFalse(verified.get("requiredActions").toString().contains(VERIFY_EMAIL), verified.toString());
        // Where the realm verifies addresses, Keycloak 26.7's registration sets no password: it asks for one once the
        // address is verified (its UPDATE_PASSWORD page).
        if (next.shows("kc-passwd-update-form")) {
            browser.submitForm(Map.of("password-new", PASSWORD, "password-confirm", PASSWORD));
        }
        browser.authorizationCode();
    }

    @Test
    void wrongCodesExpiryAndResendOnTheVerificationPage() {
        // Shorter than Keycloak's lifespan of a user action (5 minutes), which would end the whole login first.
        admin.updateEveryStepConfig(Map.of("code.validity.seconds", "60"));
        String email = DemoRealm.newAddress("retry");
        String userId = unverifiedUserWithPendingVerification(email);
        LoginBrowser browser = signInWithPassword(email);
        String first = realm.codeFor(email);

        assertTrue(browser.submitCode(DemoRealm.wrong(first)).shows("That code is not right"), browser.page().html());
        realm.time().set(Duration.ofSeconds(61));
        assertTrue(browser.submitCode(first).shows("This code has expired"), browser.page().html());
        stack.ses().clear();
        assertTrue(browser.resend().shows("We sent you a new code"), browser.page().html());
        browser.submitCode(realm.codeFor(email));
        browser.authorizationCode();
        assertTrue(admin.user(userId).get("emailVerified").asBoolean());
    }

    @Test
    void aVerificationCodeSignsNobodyInAndASignInCodeVerifiesNothing() {
        admin.updateEveryStepConfig(Map.of("resend.cooldown.seconds", "0"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        String email = DemoRealm.newAddress("doors");
        String userId = unverifiedUserWithPendingVerification(email);
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", "browser"));
        LoginBrowser verifying = signInWithPassword(email);
        String verificationCode = realm.codeFor(email);

        // Someone types the verification code at the sign-in page of the address.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        LoginBrowser signingIn = realm.atCodePage(email);
        String signInCode = realm.codeFor(email);
        assertFalse(signInCode.equals(verificationCode), "a code of its own for the sign-in");
        LoginBrowser.Page refused = signingIn.submitCode(verificationCode);
        assertNull(refused.location(), "a verification code signs nobody in");

        // The sign-in code, typed on the verification page, verifies nothing.
        LoginBrowser.Page notVerified = verifying.submitCode(signInCode);
        assertNull(notVerified.location(), notVerified.html());
        assertFalse(admin.user(userId).get("emailVerified").asBoolean(), "a sign-in code never completes VERIFY_EMAIL");
    }

    @Test
    void theVerificationDoorSpendsTheSameHourlyBudgetAsTheSignIn() {
        admin.updateEveryStepConfig(Map.of("sends.per.hour", "2", "resend.cooldown.seconds", "0"));
        String email = DemoRealm.newAddress("budget");
        unverifiedUserWithPendingVerification(email);
        LoginBrowser browser = signInWithPassword(email);
        realm.codeFor(email);
        assertTrue(browser.resend().shows("We sent you a new code"), browser.page().html());

        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        RealmAdmin.EventMark mark = admin.mark();
        LoginBrowser signingIn = realm.atCodePage(email);
        assertTrue(signingIn.page().shows("Too many codes were requested"), signingIn.page().html());
        assertEquals(1, admin.errorsSince(mark, "slow_down", "email_code_send_budget_spent", email).size(),
                "the sign-in finds the budget the verification spent");
    }

    @Test
    void wrongCodesOnTheVerificationPageLockTheSignInOfTheAddressToo() {
        admin.updateRealmSettings(Map.of("limits.failures.cap", "3"));
        String email = DemoRealm.newAddress("capped");
        unverifiedUserWithPendingVerification(email);
        LoginBrowser browser = signInWithPassword(email);
        String code = realm.codeFor(email);
        RealmAdmin.EventMark mark = admin.mark();
        for (int i = 0; i < 3; i++) {
            browser.submitCode(DemoRealm.wrong(code));
        }
        assertTrue(browser.page().shows("Too many codes were requested"), "the cap's page: " + browser.page().html());
        String masked = DemoRealm.masked(email);
        assertEquals(1, admin.errors("VERIFY_EMAIL_ERROR", "user_temporarily_disabled", "email_code_failure_cap").stream()
                .filter(e -> !mark.ids().contains(e.path("id").asText())
                        && masked.equals(e.path("details").path("email_masked").asText())).count(),
                "Keycloak's error event of the verification");

        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        LoginBrowser signingIn = realm.atCodePage(email);
        assertTrue(signingIn.page().shows("Too many codes were requested"), signingIn.page().html());
        assertEquals(1, admin.errorsSince(mark, "user_temporarily_disabled", "email_code_failure_cap", email).size(),
                "the sign-in of the address is locked by the verification's wrong codes");
    }

    @Test
    void withTheLinkKeycloaksOwnActionSendsItsLink() {
        assertEquals(204, admin.replaceRequiredActionConfig(VERIFY_EMAIL, Map.of("email-code.deliver", "LINK")).statusCode());
        String email = DemoRealm.newAddress("link");
        unverifiedUserWithPendingVerification(email);
        LoginBrowser browser = signInWithPassword(email);
        assertFalse(browser.page().shows("one-time-code"), "Keycloak's page, not the code page: " + browser.page().html());
        ReceivedEmail mail = realm.lastEmailTo(email);
        assertTrue(mail.text().contains("action-token"), "Keycloak's verification link: " + mail.text());
    }

    @Test
    void anInvalidDeliverySettingIsRefusedWhenSaved() {
        assertEquals(400, admin.replaceRequiredActionConfig(VERIFY_EMAIL, Map.of("email-code.deliver", "PIGEON")).statusCode());
    }

    private String unverifiedUserWithPendingVerification(String email) {
        String userId = admin.createUser(email, PASSWORD);
        admin.updateUser(userId, RealmAdmin.JSON.createObjectNode().put("emailVerified", false)
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add(VERIFY_EMAIL)));
        return userId;
    }

    private LoginBrowser signInWithPassword(String email) {
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        browser.submitPassword(email, PASSWORD);
        followRedirect(browser);
        return browser;
    }

    /** Keycloak redirects from a completed form to the next required action. */
    private static LoginBrowser.Page followRedirect(LoginBrowser browser) {
        return browser.page().location() != null ? browser.follow() : browser.page();
    }

    /** The one event of this type for the user that this test caused. */
    private JsonNode since(RealmAdmin.EventMark mark, String type, String userId) {
        List<JsonNode> found = admin.eventsSince(mark, type, userId);
        assertEquals(1, found.size(), type + " events of the user since the test began: " + found);
        return found.get(0);
    }
}

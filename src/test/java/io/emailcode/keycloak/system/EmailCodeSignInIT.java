package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Email-code sign-in against the real stack: Keycloak 26 with the provider, DynamoDB Local and the SES
 * emulator, driven over HTTP like a browser, with codes read from the emulator's inbox.
 */
@ExtendWith(RealStack.class)
class EmailCodeSignInIT {

    private static final String FLOW = DemoRealm.FLOW;

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    EmailCodeSignInIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void newPersonSignsInThroughTheOidcFlowAndGetsWorkingTokens() throws IOException {
        String email = realm.newUser();
        LoginBrowser browser = realm.browser();
        assertEquals(200, browser.openLogin().status());
        LoginBrowser.Page codePage = browser.submitEmail(email);
        assertEquals(200, codePage.status());
        assertTrue(codePage.shows("We sent a sign-in code to " + email + "."), "the address as the person typed it");
        assertTrue(codePage.shows("autocomplete=\"one-time-code\""));

        stack.dynamodbProxy().resetCounts();
        browser.submitCode(realm.codeFor(email));
        String authorizationCode = browser.authorizationCode();
        Map<String, Integer> verifyCalls = stack.dynamodbProxy().calls();

        JsonNode tokens = RealmAdmin.JSON.readTree(browser.exchangeCode(authorizationCode));
        JsonNode idToken = claims(tokens.get("id_token").asText());
        assertEquals(email, idToken.get("email").asText());
        assertTrue(idToken.get("email_verified").asBoolean());

        JsonNode refreshed = RealmAdmin.JSON.readTree(browser.refresh(tokens.get("refresh_token").asText()));
        assertNotNull(refreshed.get("access_token"));
        JsonNode userInfo = RealmAdmin.JSON.readTree(browser.userInfo(refreshed.get("access_token").asText()));
        assertEquals(email, userInfo.get("email").asText());

        assertEquals(Map.of("UpdateItem", 1), verifyCalls, "a successful verify is one conditional write");
        System.out.println("AWS calls to check a right code: DynamoDB " + verifyCalls);
        String userId = admin.userIdByEmail(email);
        assertTrue(admin.events("LOGIN").stream().anyMatch(e -> userId.equals(e.path("userId").asText())), "LOGIN event");
    }

    @Test
    void passwordThenEmailCodeWorksAsASecondFactor() {
        JsonNode settings = admin.realmRepresentation();
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.SECOND_FACTOR_FLOW));
        try {
            String email = "second-" + UUID.randomUUID() + "@example.com";
            admin.createUser(email, "correct horse battery staple");
            LoginBrowser browser = realm.browser();
            browser.openLogin();
            LoginBrowser.Page codePage = browser.submitPassword(email, "correct horse battery staple");
            assertTrue(codePage.shows(DemoRealm.masked(email)), codePage.html());
            browser.submitCode(realm.codeFor(email));
            browser.authorizationCode();
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", settings.get("browserFlow").asText()));
        }
    }

    @Test
    void knownUserGetsExactlyOneEmail() {
        String email = realm.newUser();
        stack.sesProxy().resetCounts();
        stack.dynamodbProxy().resetCounts();
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        browser.submitEmail(email);
        realm.codeFor(email);
        assertEquals(1, stack.ses().inbox().stream().filter(m -> m.isAddressedTo(email)).count());
        assertEquals(Map.of("SendEmail", 1), stack.sesProxy().calls());
        assertEquals(Map.of("TransactWriteItems", 1), stack.dynamodbProxy().calls(), "issuing is one transaction");
        System.out.println("AWS calls to issue a code: DynamoDB " + stack.dynamodbProxy().calls() + ", SES " + stack.sesProxy().calls());
    }

    @Test
    void wrongCodeShowsFieldErrorAndCountsTowardBruteForce() {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String right = realm.codeFor(email);
        LoginBrowser.Page page = browser.submitCode(DemoRealm.wrong(right));
        assertEquals(200, page.status());
        assertTrue(page.shows("That code is not right"), page.html());
        assertFalse(page.shows(right));
        String userId = admin.userIdByEmail(email);
        assertTrue(admin.errors("invalid_user_credentials", "email_code_invalid").stream()
                .anyMatch(e -> userId.equals(e.path("userId").asText())), "Keycloak's error, our reason as a detail");
        realm.awaitFailures(userId, 1);
    }

    @Test
    void fiveWrongCodesKillTheCode() {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String right = realm.codeFor(email);
        LoginBrowser.Page page = null;
        for (int i = 0; i < 5; i++) {
            page = browser.submitCode(DemoRealm.wrong(right));
        }
        assertTrue(page.shows("Request a new code"), page.html());
        LoginBrowser.Page afterwards = browser.submitCode(right);
        assertEquals(200, afterwards.status(), "the right code no longer signs in");
        assertTrue(afterwards.shows("Request a new code"));
        admin.clearBruteForce(admin.userIdByEmail(email));
    }

    @Test
    void expiredCodeIsRefusedWithAClearMessageAndResendWorks() {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String expired = realm.codeFor(email);
        realm.time().set(Duration.ofSeconds(301));
        assertTrue(browser.submitCode(expired).shows("This code has expired"));
        stack.ses().clear();
        browser.resend();
        browser.submitCode(realm.codeFor(email));
        browser.authorizationCode();
    }

    @Test
    void resendHonoursTheCooldownThenReplacesTheCode() {
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String first = realm.codeFor(email);
        browser.submitCode(DemoRealm.wrong(first));
        LoginBrowser.Page early = browser.resend();
        assertTrue(early.html().matches("(?s).*Please wait 0:(2[0-9]|30) before requesting another code.*"), early.html());
        realm.time().set(Duration.ofSeconds(31));
        stack.ses().clear();
        assertTrue(browser.resend().shows("We sent you a new code"));
        String second = realm.codeFor(email);
        assertNotEquals(first, second);
        assertTrue(browser.submitCode(first).shows("That code is not right"), "the old code stops working");
        String userId = admin.userIdByEmail(email);
        realm.awaitFailures(userId, 2); // a resend never resets failures
        browser.submitCode(second);
        browser.authorizationCode();
    }

    @Test
    void spentHourlyBudgetShowsAMessageAndSendsNothing() {
        admin.updateStepConfig(FLOW, Map.of("sends.per.hour", "2", "resend.cooldown.seconds", "0"));
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        browser.resend();
        // Emails leave after the response: wait for both before counting.
        Await.condition("both codes to arrive", Duration.ofSeconds(15),
                () -> stack.ses().inbox().stream().filter(m -> m.isAddressedTo(email)).count() == 2);
        int before = stack.ses().inbox().size();
        LoginBrowser.Page page = browser.resend();
        Await.pause(Duration.ofSeconds(2));
        assertTrue(page.shows("Too many codes were requested"), page.html());
        assertEquals(before, stack.ses().inbox().size(), "no email once the budget is spent");
        // Another login (another node would see the same) is held to the same budget.
        LoginBrowser other = realm.browser();
        other.openLogin();
        assertTrue(other.submitEmail(email).shows("Too many codes were requested"));
    }

    @Test
    void unknownAddressGetsTheSamePageAndStatusButNoEmail() {
        String known = realm.newUser();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        LoginBrowser.Page knownPage = realm.atCodePage(known).page();
        LoginBrowser.Page unknownPage = realm.atCodePage(unknown).page();
        assertEquals(knownPage.status(), unknownPage.status());
        assertEquals(normalise(knownPage.html(), known), normalise(unknownPage.html(), unknown));
        realm.codeFor(known);
        assertTrue(stack.ses().inbox().stream().noneMatch(m -> m.isAddressedTo(unknown)), "no email to an unknown address");
        assertEquals(null, admin.userIdByEmail(unknown));
    }

    @Test
    void unknownAddressWithAutoRegistrationBecomesAVerifiedUser() {
        admin.updateStepConfig(FLOW, Map.of("auto.register", "true"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        String email = "new-" + UUID.randomUUID() + "@example.com";
        LoginBrowser browser = realm.atCodePage(email);
        assertEquals(null, admin.userIdByEmail(email), "nobody is created before the code is entered");
        LoginBrowser.Page profile = browser.submitCode(realm.codeFor(email));
        assertTrue(profile.location().contains("VERIFY_PROFILE"), "a new account is asked for the realm's required profile fields");
        browser.follow();
        browser.submitProfile("New", "Person");
        browser.authorizationCode();
        String userId = admin.userIdByEmail(email);
        assertNotNull(userId);
        assertTrue(admin.user(userId).get("emailVerified").asBoolean());
        assertTrue(admin.events("REGISTER").stream().anyMatch(e -> userId.equals(e.path("userId").asText())), "REGISTER event");
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", false));
    }

    @Test
    void codeIssuedToOneLoginIsRefusedInAnother() {
        String email = realm.newUser();
        LoginBrowser first = realm.atCodePage(email);
        String code = realm.codeFor(email);
        LoginBrowser second = realm.atCodePage(email); // within the cooldown: no new code, the first stays bound to its login
        LoginBrowser.Page refused = second.submitCode(code);
        assertEquals(200, refused.status());
        assertFalse(refused.shows("code=") && refused.location() != null);
        first.submitCode(code);
        first.authorizationCode();
    }

    @Test
    void aLockedAccountGetsExactlyWhatAnUnknownAddressGetsAndNoEmail() {
        JsonNode settings = admin.realmRepresentation();
        int failureFactor = settings.get("failureFactor").asInt();
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 2));
        try {
            RealmAdmin.EventMark before = admin.mark();
            String email = realm.newUser();
            LoginBrowser browser = realm.atCodePage(email);
            String right = realm.codeFor(email);
            browser.submitCode(DemoRealm.wrong(right));
            browser.submitCode(DemoRealm.wrong(right));
            stack.ses().clear();
            realm.time().set(Duration.ofSeconds(31));
            LoginBrowser.Page locked = realm.atCodePage(email).page();
            String unknown = DemoRealm.newAddress("nobody");
            LoginBrowser.Page unknownPage = realm.atCodePage(unknown).page();
            assertEquals(unknownPage.status(), locked.status());
            assertEquals(normalise(unknownPage.html(), unknown), normalise(locked.html(), email), "the same page, to the byte");
            realm.awaitCodeEmailsOut();
            assertTrue(stack.ses().inbox().isEmpty(), "no email to a locked account");
            String userId = admin.userIdByEmail(email);
            assertTrue(admin.bruteForceStatus(userId).get("disabled").asBoolean(), "locked by brute-force detection");
            assertFalse(admin.errorsSince(before, "user_temporarily_disabled", "email_code_locked", email).isEmpty(),
                    "only the event says why");
            admin.clearBruteForce(userId);
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", failureFactor));
        }
    }

    @Test
    void dynamoDbOutageShowsARetryPageLetsNobodyInAndRecoversWithoutRestart() {
        String email = realm.newUser();
        RealmAdmin.EventMark before = admin.mark();
        stack.dynamodbProxy().setDown(true);
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        LoginBrowser.Page page = browser.submitEmail(email);
        assertEquals(200, page.status());
        assertTrue(page.shows("We could not send or check your code"), page.html());
        assertEquals(1, admin.errorsSince(before, "generic_authentication_error", "email_code_store_unavailable", email)
                .size());
        stack.dynamodbProxy().setDown(false);
        browser.resend();
        browser.submitCode(realm.codeFor(email));
        browser.authorizationCode();
    }

    @Test
    void anSesOutageLooksLikeAnyOtherSendAndIsAnEventThenTheNextCodeArrives() {
        String email = realm.newUser();
        stack.sesProxy().setDown(true);
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        LoginBrowser.Page page = browser.submitEmail(email);
        assertEquals(200, page.status());
        assertTrue(page.shows("autocomplete=\"one-time-code\""), "the code page: the email goes out after the response");
        String userId = admin.userIdByEmail(email);
        Await.condition("the failed send to be an event", Duration.ofSeconds(20), () -> admin
                .errors("email_send_failed", "email_code_send_failed").stream().anyMatch(e -> userId.equals(e.path("userId").asText())));
        stack.sesProxy().setDown(false);
        realm.time().set(Duration.ofSeconds(31));
        assertTrue(browser.resend().shows("We sent you a new code"), "after the cooldown the person asks again");
        browser.submitCode(realm.codeFor(email));
        browser.authorizationCode();
    }

    @Test
    void invalidStepSettingsShowAClearPageNotAnException() {
        admin.updateStepConfig(FLOW, Map.of("code.length", "5"));
        RealmAdmin.EventMark before = admin.mark();
        String email = realm.newUser();
        stack.ses().clear();
        LoginBrowser.Page page = realm.atCodePage(email).page();
        assertEquals(503, page.status());
        assertTrue(page.shows("Sign-in with an email code is not available right now"), page.html());
        assertTrue(stack.ses().inbox().isEmpty());
        assertEquals(1, admin.errorsSince(before, "invalid_config", "email_code_misconfigured").size());
    }

    @Test
    void keycloaksOtherEmailsGoThroughSesToo() {
        String email = realm.newUser();
        admin.sendRequiredActionsEmail(admin.userIdByEmail(email), "UPDATE_PROFILE");
        ReceivedEmail mail = stack.ses().awaitEmailTo(email, Duration.ofSeconds(15));
        assertTrue(mail.from().contains("no-reply@example.com"), mail.from());
        assertTrue(mail.replyTo().stream().anyMatch(r -> r.contains("support@example.com")), mail.replyTo().toString());
    }

    /** A page with the address-specific parts and per-request tokens removed. */
    private static String normalise(String html, String email) {
        return html.replace(email, "ADDRESS").replace(DemoRealm.masked(email), "MASKED")
                .replaceAll("(session_code|execution|tab_id|client_data)=[^&\"]+", "$1=X")
                .replaceAll("nonce=\"[^\"]+\"", "nonce=\"X\"");
    }

    private static JsonNode claims(String jwt) throws IOException {
        return RealmAdmin.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}

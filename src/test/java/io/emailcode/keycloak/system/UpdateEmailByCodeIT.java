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
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak's "Update email" required action delivered by code, through the real server: the person types a new
 * address on Keycloak's form, a code goes to that address, and only the right code changes the account's address,
 * with Keycloak's own {@code UPDATE_EMAIL} event, a notice to the previous address and the Cognito pool told after
 * the proof. Until then nothing changes, and every new address gets the same code page: that another account holds
 * it is said only to someone who proved they own it. "Link" is Keycloak's own action.
 */
@ExtendWith(RealStack.class)
class UpdateEmailByCodeIT {

    private static final String PASSWORD = "Update-Passw0rd!";
    private static final String UPDATE_EMAIL = StackState.UPDATE_EMAIL;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CODE_PAGE = "We sent a code to";
    private static final String TAKEN = "This address belongs to another account";
    /** What differs between two pages of two logins: the values in their links and forms. */
    private static final Pattern PER_REQUEST = Pattern.compile("(session_code|execution|tab_id|client_data)=[^&\"]*");

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    UpdateEmailByCodeIT(LocalStack stack, DemoRealm realm) {
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

    /** The realm delivers "Update email" by code (the demo realm's own choice), behind Keycloak's password form. */
    @BeforeEach
    void deliverByCodeBehindAPasswordForm() {
        assertEquals(204, admin.replaceRequiredActionConfig(UPDATE_EMAIL, Map.of("email-code.deliver", "CODE")).statusCode());
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", "browser"));
    }

    @Test
    void theAddressChangesOnlyAfterTheRightCodeThenThePoolLearnsOfItAndThePreviousAddressIsTold() {
        String previous = DemoRealm.newAddress("previous");
        String next = DemoRealm.newAddress("next");
        String userId = userAskedToChangeTheAddress(previous);
        Await.condition("the account mirrored with its address", WAIT, () -> pool.withEmail(previous).isPresent());
        RealmAdmin.EventMark mark = admin.mark();

        LoginBrowser browser = signInWithPassword(previous);
        assertTrue(browser.page().shows("kc-update-email-form"), "Keycloak's form: " + browser.page().html());
        LoginBrowser.Page codePage = browser.submitForm(Map.of("email", next));
        assertTrue(codePage.shows(CODE_PAGE) && codePage.shows(next), codePage.html());
        ReceivedEmail mail = realm.lastEmailTo(next);
        assertTrue(mail.subject().startsWith("Confirm your new email address for"), mail.subject());

        assertTrue(browser.submitCode(DemoRealm.wrong(realm.codeFor(next))).shows("That code is not right"));
        JsonNode before = admin.user(userId);
        assertEquals(previous, before.get("email").asText(), "nothing changes before the proof");
        assertTrue(pool.withEmail(next).isEmpty(), "nothing is mirrored before the proof");
        assertEquals(List.of(), admin.eventsSince(mark, "UPDATE_EMAIL", userId));

        browser.submitCode(realm.codeFor(next));
        assertNotNull(browser.authorizationCode(), "the sign-in goes on to the app");
        JsonNode after = admin.user(userId);
        assertEquals(next, after.get("email").asText());
        assertTrue(after.get("emailVerified").asBoolean(), "proved, so verified");
        assertFalse(after.get("requiredActions").toString().contains(UPDATE_EMAIL), after.toString());
        List<JsonNode> changed = admin.eventsSince(mark, "UPDATE_EMAIL", userId);
        assertEquals(1, changed.size(), changed.toString());
        assertEquals(previous, changed.get(0).path("details").path("previous_email").asText(), changed.toString());
        assertEquals(next, changed.get(0).path("details").path("updated_email").asText(), changed.toString());

        ReceivedEmail notice = awaitEmail(previous, "Your email address for");
        assertTrue(notice.text().contains(DemoRealm.masked(next)), "says where the account went, masked: " + notice.text());
        assertFalse(notice.text().contains(next), "never the new address itself: " + notice.text());
        assertFalse(notice.text().contains("http") || notice.html().contains("href"), "no link: " + notice.html());
        assertFalse(Pattern.compile("\\b\\d{6}\\b").matcher(notice.text()).find(), "no code: " + notice.text());
        Await.condition("the pool has the new, verified address, after the proof", WAIT,
                () -> pool.withEmail(next).map(user -> "true".equals(user.get("email_verified"))).orElse(false));
    }

    @Test
    void anAddressAnotherAccountHoldsGetsTheSamePageAndIsRefusedOnlyAfterItsRightCode() {
        String taken = DemoRealm.newAddress("taken");
        String takenId = admin.createUser(taken, PASSWORD);
        String owner = DemoRealm.newAddress("owner");
        String userId = userAskedToChangeTheAddress(owner);

        String other = DemoRealm.newAddress("other");
        userAskedToChangeTheAddress(other);
        String free = DemoRealm.newAddress("free");
        LoginBrowser.Page freePage = signInWithPassword(other).submitForm(Map.of("email", free));
        LoginBrowser browser = signInWithPassword(owner);
        LoginBrowser.Page takenPage = browser.submitForm(Map.of("email", taken));
        assertEquals(freePage.status(), takenPage.status());
        assertEquals(comparable(freePage.html(), other, free), comparable(takenPage.html(), owner, taken),
                "the same page for every address");
        assertFalse(takenPage.shows(TAKEN), takenPage.html());

        RealmAdmin.EventMark mark = admin.mark();
        String code = realm.codeFor(taken);
        LoginBrowser.Page wrong = browser.submitCode(DemoRealm.wrong(code));
        assertTrue(wrong.shows("That code is not right") && !wrong.shows(TAKEN), "a wrong code learns nothing: " + wrong.html());

        LoginBrowser.Page refused = browser.submitCode(code);
        assertTrue(refused.shows(TAKEN) && refused.shows("kc-update-email-form"), refused.html());
        assertEquals(owner, admin.user(userId).get("email").asText(), "the account keeps its address");
        assertEquals(taken, admin.user(takenId).get("email").asText(), "and the other account its own");
        List<JsonNode> errors = admin.eventsSince(mark, "UPDATE_EMAIL_ERROR", userId).stream()
                .filter(e -> "email_in_use".equals(e.path("error").asText())).toList();
        assertEquals(1, errors.size(), "the refusal after the right code: " + errors);
        assertEquals("email_code_address_taken", errors.get(0).path("details").path("reason").asText(), errors.toString());

        String next = DemoRealm.newAddress("instead");
        assertTrue(browser.submitForm(Map.of("email", next)).shows(CODE_PAGE));
        browser.submitCode(realm.codeFor(next));
        browser.authorizationCode();
        assertEquals(next, admin.user(userId).get("email").asText(), "another address, proved, is the account's");
    }

    @Test
    void wrongCodesExpiryResendAndAnotherAddress() {
        admin.updateEveryStepConfig(Map.of("code.validity.seconds", "60", "resend.cooldown.seconds", "0"));
        String previous = DemoRealm.newAddress("retry");
        String userId = userAskedToChangeTheAddress(previous);
        LoginBrowser browser = signInWithPassword(previous);
        String first = DemoRealm.newAddress("first");
        browser.submitForm(Map.of("email", first));
        String firstCode = realm.codeFor(first);

        assertTrue(browser.submitCode(DemoRealm.wrong(firstCode)).shows("That code is not right"), browser.page().html());
        realm.time().set(Duration.ofSeconds(61));
        assertTrue(browser.submitCode(firstCode).shows("This code has expired"), browser.page().html());
        stack.ses().clear();
        assertTrue(browser.resend().shows("We sent you a new code"), browser.page().html());
        String resent = realm.codeFor(first);

        // Another address: the first address's code no longer changes anything.
        LoginBrowser.Page form = browser.submitForm(Map.of("other-address", "true"));
        assertTrue(form.shows("kc-update-email-form"), form.html());
        String second = DemoRealm.newAddress("second");
        browser.submitForm(Map.of("email", second));
        LoginBrowser.Page refused = browser.submitCode(resent);
        assertNull(refused.location(), refused.html());
        assertEquals(previous, admin.user(userId).get("email").asText(), "a code proves only its own address");

        browser.submitCode(realm.codeFor(second));
        browser.authorizationCode();
        assertEquals(second, admin.user(userId).get("email").asText());
    }

    @Test
    void aChangeCodeSignsNobodyInAndSpendsTheNewAddressesBudgetOfTheHour() {
        admin.updateEveryStepConfig(Map.of("sends.per.hour", "2", "resend.cooldown.seconds", "0"));
        String previous = DemoRealm.newAddress("door");
        String next = DemoRealm.newAddress("door-next");
        admin.createUser(next, null);
        userAskedToChangeTheAddress(previous);
        LoginBrowser changing = signInWithPassword(previous);
        changing.submitForm(Map.of("email", next));
        String changeCode = realm.codeFor(next);

        // Whoever holds the new address signs in with it: the change code is not a sign-in code.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        LoginBrowser signingIn = realm.atCodePage(next);
        assertFalse(changeCode.equals(realm.codeFor(next)), "a code of its own for the sign-in");
        LoginBrowser.Page refused = signingIn.submitCode(changeCode);
        assertNull(refused.location(), "a change code signs nobody in: " + refused.html());
        assertTrue(refused.shows("That code is not right"), refused.html());
        // The change's code and the sign-in's spent the address's two codes of the hour.
        assertTrue(realm.atCodePage(next).page().shows("Too many codes were requested"));
    }

    /** An app started the change (as the account console does): the code page's Cancel ends it, and nothing changes. */
    @Test
    void cancellingAChangeAnAppStartedChangesNothing() {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        String email = DemoRealm.newAddress("cancel");
        String userId = admin.createUser(email, null);
        LoginBrowser browser = realm.atCodePage(email);
        browser.submitCode(realm.codeFor(email));
        browser.authorizationCode();
        LoginBrowser.Page form = browser.openLogin(Map.of("kc_action", UPDATE_EMAIL));
        if (form.location() != null) {
            browser.follow();
        }
        LoginBrowser.Page codePage = browser.submitForm(Map.of("email", DemoRealm.newAddress("never")));
        assertTrue(codePage.shows("name=\"cancel-aia\""), "an app's action can be cancelled: " + codePage.html());
        LoginBrowser.Page back = browser.submitForm(Map.of("cancel-aia", "true"));
        assertTrue(back.location() != null && back.location().contains("kc_action_status=cancelled"), back.location());
        assertEquals(email, admin.user(userId).get("email").asText());
    }

    /**
     * With Update email on, Keycloak's other ways to edit an address (the account console's personal info, the
     * profile page) leave it alone: the door is the only way to a new address, also where usernames may be edited
     * (the demo realm, whose usernames are addresses, allows it so that the console offers "Update email").
     */
    @Test
    void neitherTheAccountConsoleNorTheProfilePageChangesTheAddressWithoutItsCode() throws Exception {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("browserFlow", DemoRealm.FLOW));
        String email = DemoRealm.newAddress("bypass");
        String userId = admin.createUser(email, null);
        LoginBrowser browser = realm.atCodePage(email);
        browser.submitCode(realm.codeFor(email));
        String tokens = browser.exchangeCode(browser.authorizationCode());
        String accessToken = RealmAdmin.JSON.readTree(tokens).get("access_token").asText();

        String elsewhere = DemoRealm.newAddress("elsewhere");
        com.fasterxml.jackson.databind.node.ObjectNode personalInfo = (com.fasterxml.jackson.databind.node.ObjectNode)
                RealmAdmin.JSON.readTree(browser.accountApi("GET", "/", accessToken).body());
        personalInfo.put("email", elsewhere).put("username", elsewhere);
        browser.accountApi("POST", "/", accessToken, personalInfo.toString());
        assertEquals(email, admin.user(userId).get("email").asText(), "the account console's save");

        LoginBrowser.Page profile = browser.openLogin(Map.of("kc_action", "UPDATE_PROFILE"));
        if (profile.location() != null) {
            browser.follow();
        }
        browser.submitProfile("Test", "Person", elsewhere);
        assertEquals(email, admin.user(userId).get("email").asText(), "the profile page");
    }

    @Test
    void withTheLinkKeycloaksOwnActionSendsItsLink() {
        assertEquals(204, admin.replaceRequiredActionConfig(UPDATE_EMAIL, Map.of("email-code.deliver", "LINK",
                "verifyEmail", "true")).statusCode());
        String previous = DemoRealm.newAddress("link");
        String next = DemoRealm.newAddress("link-next");
        userAskedToChangeTheAddress(previous);
        LoginBrowser browser = signInWithPassword(previous);
        LoginBrowser.Page sent = browser.submitForm(Map.of("email", next));
        assertFalse(sent.shows("one-time-code"), "Keycloak's page, not the code page: " + sent.html());
        ReceivedEmail mail = stack.ses().awaitEmailTo(next, WAIT);
        assertTrue(mail.text().contains("action-token"), "Keycloak's link: " + mail.text());
    }

    @Test
    void anInvalidDeliverySettingIsRefusedWhenSaved() {
        assertEquals(400, admin.replaceRequiredActionConfig(UPDATE_EMAIL, Map.of("email-code.deliver", "PIGEON")).statusCode());
    }

    private String userAskedToChangeTheAddress(String email) {
        String userId = admin.createUser(email, PASSWORD);
        admin.updateUser(userId, RealmAdmin.JSON.createObjectNode()
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add(UPDATE_EMAIL)));
        return userId;
    }

    private LoginBrowser signInWithPassword(String email) {
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        browser.submitPassword(email, PASSWORD);
        if (browser.page().location() != null) {
            browser.follow();
        }
        return browser;
    }



    private ReceivedEmail awaitEmail(String address, String subjectStart) {
        ReceivedEmail[] found = new ReceivedEmail[1];
        Await.condition("an email to the address: " + subjectStart, WAIT, () -> {
            Optional<ReceivedEmail> mail = stack.ses().inbox().stream()
                    .filter(m -> m.isAddressedTo(address) && m.subject().startsWith(subjectStart)).findFirst();
            mail.ifPresent(m -> found[0] = m);
            return mail.isPresent();
        });
        return found[0];
    }

    /** A page without what differs per login: the values in its links, the signed-in account and the typed address. */
    private static String comparable(String html, String account, String typed) {
        return PER_REQUEST.matcher(html.replace(typed, "TYPED").replace(account, "ACCOUNT")).replaceAll("");
    }
}

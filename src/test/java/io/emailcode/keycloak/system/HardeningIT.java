package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.Pages;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.stack.LocalStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The security review's findings, tried over HTTP against the real stack as an attacker would: the failure cap
 * across codes, budgets beyond one address, a known person kept out, key rotation, and registration's edge cases.
 */
@ExtendWith(RealStack.class)
class HardeningIT {

    private static final String TOO_MANY = "Too many codes were requested";
    private static final String EMAIL_CODE_LIMITS = "EMAIL_CODE_LIMITS";

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    HardeningIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @BeforeEach
    void quickCodes() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("resend.cooldown.seconds", "0", "sends.per.hour", "100"));
    }

    @Test
    void theFailureCapHoldsAcrossCodesAndLooksLikeASpentBudgetForKnownAndUnknownAddresses() {
        admin.updateRealmSettings(Map.of("limits.failures.cap", "7"));
        RealmAdmin.EventMark before = admin.mark();
        String known = realm.newUser();
        String unknown = DemoRealm.newAddress("nobody");
        LoginBrowser guesser = guessUntilCapped(known, 7);
        LoginBrowser.Page knownCapped = guesser.page();
        LoginBrowser.Page unknownCapped = guessUntilCapped(unknown, 7).page();
        assertTrue(knownCapped.shows(TOO_MANY), knownCapped.html());
        assertEquals(Pages.normalised(knownCapped, known), Pages.normalised(unknownCapped, unknown));
        assertTrue(guesser.submitCode(realm.codeFor(known)).shows(TOO_MANY), "not even the right code gets in now");

        stack.ses().clear();
        LoginBrowser later = realm.atCodePage(known);
        assertTrue(later.page().shows(TOO_MANY), "a capped address gets no code: " + later.page().html());
        Await.pause(Duration.ofSeconds(2));
        assertTrue(stack.ses().inbox().isEmpty());

        admin.updateStepConfig(DemoRealm.FLOW, Map.of("sends.per.hour", "1"));
        String spent = realm.newUser();
        realm.atCodePage(spent);
        LoginBrowser.Page budgetPage = realm.atCodePage(spent).page();
        assertEquals(Pages.normalised(budgetPage, spent), Pages.normalised(later.page(), known),
                "a capped address sees exactly the page of a spent budget");
        assertFalse(admin.errorsSince(before, "user_temporarily_disabled", "email_code_failure_cap", known).isEmpty(),
                "the event says why");
    }

    @Test
    void theNetworkBudgetStopsOneClientSprayingAddressesAndLooksTheSameForEveryAddress() {
        admin.updateRealmSettings(Map.of("limits.network.sends.per.hour", "2"));
        RealmAdmin.EventMark before = admin.mark();
        realm.atCodePage(DemoRealm.newAddress("spray"));
        realm.atCodePage(realm.newUser());
        String known = realm.newUser();
        String unknown = DemoRealm.newAddress("spray");
        stack.ses().clear();
        LoginBrowser.Page knownPage = realm.atCodePage(known).page();
        LoginBrowser.Page unknownPage = realm.atCodePage(unknown).page();
        assertTrue(knownPage.shows("from your network"), knownPage.html());
        assertEquals(Pages.normalised(knownPage, known), Pages.normalised(unknownPage, unknown));
        // An earlier request's email may still land (emails leave after a random delay): only these two must get none.
        Await.pause(Duration.ofSeconds(2));
        assertTrue(stack.ses().inbox().stream().noneMatch(mail -> mail.isAddressedTo(known) || mail.isAddressedTo(unknown)),
                stack.ses().inbox().toString());
        // Earlier requests of this test may have met the budget too (the hour's count includes other tests'):
        // at least the last two, each for its address.
        assertFalse(admin.errorsSince(before, "slow_down", "email_code_network_budget_spent", known).isEmpty());
        assertFalse(admin.errorsSince(before, "slow_down", "email_code_network_budget_spent", unknown).isEmpty());
    }

    @Test
    void theRealmCeilingStopsCodesForEveryAddress() {
        admin.updateRealmSettings(Map.of("limits.realm.sends.per.hour", "1", "limits.network.sends.per.hour", "100000"));
        realm.time().set(Duration.ofHours(1));
        realm.atCodePage(realm.newUser());
        RealmAdmin.EventMark before = admin.mark();
        String refusedAddress = realm.newUser();
        LoginBrowser.Page refused = realm.atCodePage(refusedAddress).page();
        assertTrue(refused.shows("paused"), refused.html());
        assertFalse(admin.errorsSince(before, "slow_down", "email_code_realm_ceiling", refusedAddress).isEmpty());
    }

    @Test
    void aStrangerWhoKnowsTheAddressCannotKeepItsOwnerOutOfABrowserTheyUsedBefore() {
        admin.updateRealmSettings(Map.of("limits.failures.cap", "4"));
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("sends.per.hour", "3"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("failureFactor", 2));
        String owner = realm.newUser();
        String userId = admin.userIdByEmail(owner);
        LoginBrowser ownersBrowser = realm.atCodePage(owner);
        ownersBrowser.submitCode(realm.codeFor(owner));
        ownersBrowser.authorizationCode();
        assertTrue(ownersBrowser.cookieNames().stream().anyMatch(n -> n.startsWith("KC_EMAIL_CODE_KNOWN_")));

        // The stranger spends the address's budget, reaches its failure cap, and gets the account locked by Keycloak.
        LoginBrowser stranger = realm.atCodePage(owner);
        for (int i = 0; i < 4; i++) {
            stranger.submitCode("999999");
        }
        stranger.resend();
        stranger.resend();
        assertTrue(realm.atCodePage(owner).page().shows(TOO_MANY), "the open lane is spent and locked");
        Await.condition("Keycloak to lock the account", Duration.ofSeconds(10),
                () -> admin.bruteForceStatus(userId).get("disabled").asBoolean());

        stack.ses().clear();
        ownersBrowser.signOutKeeping("KC_EMAIL_CODE_KNOWN_");
        ownersBrowser.openLogin();
        LoginBrowser.Page codePage = ownersBrowser.submitEmail(owner);
        assertFalse(codePage.shows(TOO_MANY), codePage.html());
        ownersBrowser.submitCode(realm.codeFor(owner));
        ownersBrowser.authorizationCode();
        System.out.println("HardeningIT: minutes a stranger kept the owner out of a browser they signed in with before: 0");
    }

    @Test
    void rotatingTheCodeKeyKeepsTheCodeInFlightAndEveryCount() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("sends.per.hour", "2"));
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String code = realm.codeFor(email);
        String rotated = admin.addCodeKey(1_000);
        try {
            browser.submitCode(code);
            assertNotNull(browser.authorizationCode(), "the code hashed with the old key still signs in");
            realm.atCodePage(email);
            assertTrue(realm.atCodePage(email).page().shows(TOO_MANY), "the hourly budget survived the rotation");
        } finally {
            admin.deleteComponent(rotated);
        }
    }

    @Test
    void registeringAnAddressTheRealmsUserProfileRefusesGivesAClearPageNotAnError() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        JsonNode[] original = new JsonNode[1];
        admin.updateUserProfile(profile -> {
            original[0] = profile.deepCopy();
            profile.withArray("attributes").forEach(attribute -> {
                if ("email".equals(attribute.path("name").asText())) {
                    ObjectNode validations = attribute.has("validations") ? (ObjectNode) attribute.get("validations")
                            : ((ObjectNode) attribute).putObject("validations");
                    validations.putObject("pattern").put("pattern", "^(?!refused-).*$").put("error-message", "refused");
                }
            });
            return profile;
        });
        try {
            String email = DemoRealm.newAddress("refused");
            LoginBrowser browser = realm.atCodePage(email);
            LoginBrowser.Page page = browser.submitCode(realm.codeFor(email));
            assertEquals(200, page.status(), page.html());
            assertTrue(page.shows("cannot create an account"), page.html());
            assertNull(admin.userIdByEmail(email));
            assertEquals(1, admin.errors("invalid_registration", "email_code_registration_failed").stream()
                    .filter(e -> DemoRealm.masked(email).equals(e.path("details").path("email_masked").asText())).count());
        } finally {
            admin.updateUserProfile(profile -> (ObjectNode) original[0]);
        }
    }

    @Test
    void whereUsernamesAreNotAddressesARegisteredAccountGetsAGeneratedUsernameAndNoEventNamesTheAddress() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        // Usernames are not addresses, and people cannot edit them: the profile page shows the generated one read-only.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationEmailAsUsername", false)
                .put("editUsernameAllowed", false));
        try {
            String email = DemoRealm.newAddress("named");
            LoginBrowser browser = realm.atCodePage(email);
            LoginBrowser.Page profile = browser.submitCode(realm.codeFor(email));
            assertTrue(profile.location() != null && profile.location().contains("VERIFY_PROFILE"), profile.html());
            browser.follow();
            browser.submitProfile("New", "Person", email);
            browser.authorizationCode();
            String userId = admin.userIdByEmail(email);
            assertNotNull(userId, "registered");
            String username = admin.user(userId).get("username").asText();
            assertFalse(username.contains("@"), "a generated username, not the address: " + username);
            for (String type : new String[]{"REGISTER", "LOGIN"}) {
                JsonNode event = admin.events(type).stream().filter(e -> userId.equals(e.path("userId").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " event for the new account"));
                assertFalse(event.toString().toLowerCase(java.util.Locale.ROOT).contains(email.toLowerCase(java.util.Locale.ROOT)),
                        type + " names the address: " + event);
            }
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationEmailAsUsername", true)
                    .put("editUsernameAllowed", true));
        }
    }

    @Test
    void anAddressTypedInAnotherCaseIsTheSameAccountAndADisabledOneNeverGetsACode() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email.toUpperCase());
        browser.submitCode(realm.codeFor(email));
        browser.authorizationCode();
        assertEquals(1, admin.usersWithEmail(email), "signed in to the account, not a new one");

        String disabled = realm.newUser();
        JsonNode off = RealmAdmin.JSON.createObjectNode().put("enabled", false);
        admin.updateUser(admin.userIdByEmail(disabled), off);
        stack.ses().clear();
        LoginBrowser.Page page = realm.atCodePage(disabled).page();
        assertTrue(page.shows("autocomplete=\"one-time-code\""), "the same page as any address");
        Await.pause(Duration.ofSeconds(2));
        assertTrue(stack.ses().inbox().isEmpty(), "no code for a disabled account, registration or not");
        assertEquals(1, admin.usersWithEmail(disabled));
    }

    /** Requests codes and guesses wrong until the address's failure cap answers; the browser shows that page. */
    @Test
    void supportSeesAnAddresssFailuresAndLockUntilAnAdministratorLiftsThemAndDeletingItsAccountForgetsIt() {
        admin.updateRealmSettings(Map.of("limits.failures.cap", "2"));
        String email = realm.newUser();
        LoginBrowser guesser = realm.atCodePage(email);
        guesser.submitCode("999999");
        JsonNode wrongOnce = limitsOf(email).path("open");
        assertEquals(1, wrongOnce.path("failures").asInt(), wrongOnce.toString());
        assertEquals(2, wrongOnce.path("failureCap").asInt(), wrongOnce.toString());
        assertEquals(1, wrongOnce.path("sendsThisHour").asInt(), wrongOnce.toString());
        assertEquals(100, wrongOnce.path("sendsPerHour").asInt(), "the sign-in step's budget: " + wrongOnce);
        assertEquals(0, wrongOnce.path("lockedUntil").asLong(-1), "no lock: " + wrongOnce);
        int limitEvents = admin.adminEvents(EMAIL_CODE_LIMITS).size();
        guesser.submitCode("999999");
        JsonNode capped = limitsOf(email);
        assertTrue(capped.path("open").path("lockedUntil").asLong() > System.currentTimeMillis(), capped.toString());
        assertEquals(1, capped.path("open").path("locksSinceLastSignIn").asInt(), capped.toString());
        assertEquals(0, capped.path("knownBrowser").path("sendsThisHour").asInt(), capped.toString());
        assertEquals(1, capped.path("mailbox").path("sendsThisHour").asInt(), "the open lane's code counts for the mailbox: "
                + capped);
        assertFalse(capped.toString().contains(realm.codeFor(email)), "no code in the answer: " + capped);
        assertEquals(limitEvents, admin.adminEvents(EMAIL_CODE_LIMITS).size(), "looking is no change");
        assertTrue(realm.atCodePage(email).page().shows(TOO_MANY), "capped");

        long beforeReset = System.currentTimeMillis();
        HttpResponse<String> reset = admin.post("/email-code/limits/reset", RealmAdmin.JSON.createObjectNode().put("email", email));
        assertEquals(204, reset.statusCode(), reset.body());
        JsonNode afterReset = limitsOf(email);
        for (String lane : new String[]{"open", "knownBrowser"}) {
            JsonNode held = afterReset.path(lane);
            assertEquals(0, held.path("failures").asInt() + held.path("locksSinceLastSignIn").asInt()
                    + held.path("sendsThisHour").asInt(), lane + " after the reset: " + afterReset);
            assertEquals(0, held.path("lockedUntil").asLong(-1), lane + " after the reset: " + afterReset);
        }
        assertEquals(0, afterReset.path("mailbox").path("sendsThisHour").asInt(-1), "the mailbox's budget too: " + afterReset);
        assertTrue(afterReset.path("knownBrowsersRevokedAt").asLong() >= beforeReset - 5_000, afterReset.toString());
        JsonNode unknown = limitsOf(DemoRealm.newAddress("nobody"));
        assertEquals(fieldNames(afterReset), fieldNames(unknown), "the same shape with or without an account");
        assertEquals(0, unknown.path("open").path("failures").asInt() + unknown.path("open").path("sendsThisHour").asInt()
                + unknown.path("mailbox").path("sendsThisHour").asInt(), unknown.toString());
        assertEquals(0, unknown.path("knownBrowsersRevokedAt").asLong(-1), unknown.toString());
        assertEquals(400, admin.post("/email-code/limits/lookup", RealmAdmin.JSON.createObjectNode().put("email", "not an address"))
                .statusCode());
        signsIn(email, "after the administrator's reset");
        JsonNode event = admin.adminEvents(EMAIL_CODE_LIMITS).get(0);
        assertEquals(DemoRealm.masked(email), event.path("details").path("email_masked").asText(), event.toString());
        assertFalse(event.toString().contains(email), "the admin event names the address masked only");
        assertEquals(400, admin.post("/email-code/limits/reset", RealmAdmin.JSON.createObjectNode().put("email", "not an address"))
                .statusCode());

        String deleted = realm.newUser();
        guessUntilCapped(deleted, 2);
        stack.dynamodbProxy().resetCounts();
        admin.deleteUser(admin.userIdByEmail(deleted));
        assertEquals(1, forgettingCalls(), "deleting the account is one transaction in the store");
        admin.createUser(deleted, null);
        signsIn(deleted, "a new account with a deleted one's address starts with nothing of it");
    }

    @Test
    void supportSeesWhenTheAccountHoldingAnAddressWasSignedOutEverywhere() {
        String email = realm.newUser();
        assertEquals(0, limitsOf(email).path("accountKnownBrowsersRevokedAt").asLong(-1), "never signed out everywhere");

        long beforeSignOut = System.currentTimeMillis();
        HttpResponse<String> signOut = admin.post("/users/" + admin.userIdByEmail(email) + "/logout");
        assertEquals(204, signOut.statusCode(), signOut.body());

        JsonNode after = limitsOf(email);
        assertTrue(after.path("accountKnownBrowsersRevokedAt").asLong() >= beforeSignOut - 5_000, after.toString());
        assertEquals(0, after.path("knownBrowsersRevokedAt").asLong(-1), "the account's revocation, not the address's: "
                + after);
        assertEquals(0, limitsOf(realm.newUser()).path("accountKnownBrowsersRevokedAt").asLong(-1),
                "another account's sign-out is not this one's");
    }

    @Test
    void deletingAUserOfARealmWhoseFlowsLackTheStepMakesNoStoreCall() {
        RealmAdmin master = new RealmAdmin(stack.keycloak().baseUrl(), "master");
        String email = DemoRealm.newAddress("master-user");
        String id = master.createUser(email, null);
        stack.dynamodbProxy().resetCounts();
        master.deleteUser(id);
        assertEquals(0, forgettingCalls(), "the master realm has no step, so none of its users is in the store");
    }

    /** What support staff see for an address. */
    private JsonNode limitsOf(String email) {
        HttpResponse<String> answer = admin.post("/email-code/limits/lookup", RealmAdmin.JSON.createObjectNode().put("email", email));
        assertEquals(200, answer.statusCode(), answer.body());
        try {
            return RealmAdmin.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every field's path, nested ones included. */
    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fields().forEachRemaining(field -> {
            names.add(field.getKey());
            fieldNames(field.getValue()).forEach(nested -> names.add(field.getKey() + "." + nested));
        });
        return names;
    }

    /** The store's transactions (a deletion's forgetting is one); the mirror's queue scans are not counted. */
    private int forgettingCalls() {
        return stack.dynamodbProxy().calls().getOrDefault("TransactWriteItems", 0);
    }

    private void signsIn(String email, String why) {
        LoginBrowser browser = realm.atCodePage(email);
        assertFalse(browser.page().shows(TOO_MANY), why + ": " + browser.page().html());
        browser.submitCode(realm.codeFor(email));
        assertTrue(browser.authorizationCode().length() > 10, why);
    }

    private LoginBrowser guessUntilCapped(String email, int cap) {
        LoginBrowser browser = realm.atCodePage(email);
        for (int guess = 1; guess <= cap; guess++) {
            if (guess % 5 == 0) {
                browser.resend();
            }
            browser.submitCode("999999");
        }
        return browser;
    }
}

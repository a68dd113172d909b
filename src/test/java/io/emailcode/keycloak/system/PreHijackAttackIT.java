package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Account pre-hijacking: an attacker sets up an account with someone else's address (Keycloak's registration page
 * with a password of their own, or an address an administrator changed without verifying it) and waits for the
 * owner to sign in with a code. The code proves the address, never the account: with the realm's default rule the
 * owner claims it and everything the attacker left there is gone; with {@code REFUSE} the owner is not signed into
 * it.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class PreHijackAttackIT {

    private static final String PASSWORD = "attacker-Passw0rd!";
    private static final String CLAIM_REASON = "email_code_claim";

    private final DemoRealm realm;
    private final RealmAdmin admin;

    PreHijackAttackIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void anAccountRegisteredWithTheVictimsAddressAndAPasswordIsClaimedByTheVictimsCode() {
        String victim = DemoRealm.newAddress("victim");
        String attackerSession = registerAsAttacker(victim);
        String userId = admin.userIdByEmail(victim);
        assertFalse(admin.user(userId).get("emailVerified").asBoolean(), "Keycloak's page did not verify the address");

        LoginBrowser owner = realm.atCodePage(victim);
        owner.submitCode(realm.codeFor(victim));
        assertNotNull(owner.authorizationCode(), "the owner of the address is signed in");

        assertEquals(userId, admin.userIdByEmail(victim), "into the account with the address, now theirs");
        JsonNode account = admin.user(userId);
        assertTrue(account.get("emailVerified").asBoolean(), "the address is verified");
        assertEquals(0, admin.credentials(userId).size(), "the attacker's password is gone: " + admin.credentials(userId));
        List<String> sessions = admin.sessionIds(userId);
        assertFalse(sessions.contains(attackerSession), "the attacker's session ended: " + sessions);
        assertEquals(1, sessions.size(), "only the owner's session is left: " + sessions);
        JsonNode removed = claimEvent("REMOVE_CREDENTIAL", userId);
        assertEquals("password", removed.path("details").path("credential_type").asText(), removed.toString());
        claimEvent("VERIFY_EMAIL", userId);

        AttackReport.record("pre-hijack", "attacker's credentials / sessions left after the owner's code (CLAIM)",
                admin.credentials(userId).size() + " / " + (sessions.contains(attackerSession) ? 1 : 0));
    }

    @Test
    void withTheRefuseRuleTheVictimsCodeDoesNotSignIntoTheAttackersAccountAndIsNoFailure() {
        admin.updateRealmSettings(Map.of("accounts.unverified", "REFUSE"));
        String victim = DemoRealm.newAddress("victim");
        registerAsAttacker(victim);
        String userId = admin.userIdByEmail(victim);

        LoginBrowser owner = realm.atCodePage(victim);
        LoginBrowser.Page page = owner.submitCode(realm.codeFor(victim));
        assertEquals(200, page.status(), page.html());
        assertNull(page.location(), "nobody is signed in");
        assertTrue(page.shows("has never confirmed it"), page.html());
        assertFalse(admin.user(userId).get("emailVerified").asBoolean());
        JsonNode refused = admin.errors("not_allowed", "email_code_unverified_account").stream()
                .filter(e -> userId.equals(e.path("userId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no LOGIN_ERROR for the refused account"));
        assertEquals(DemoRealm.masked(victim), refused.path("details").path("email_masked").asText(), refused.toString());
        realm.awaitFailures(userId, 0);

        AttackReport.record("pre-hijack", "sign-ins into the attacker's account by the owner's code (REFUSE)", 0);
    }

    @Test
    void anAccountWhoseAddressAnAdministratorChangedUnverifiedIsClaimedNotSimplySignedInto() {
        String previous = DemoRealm.newAddress("previous");
        String userId = admin.createUser(previous, PASSWORD);
        String victim = DemoRealm.newAddress("victim");
        admin.updateUser(userId, RealmAdmin.JSON.createObjectNode().put("email", victim).put("emailVerified", false));

        LoginBrowser owner = realm.atCodePage(victim);
        owner.submitCode(realm.codeFor(victim));
        owner.authorizationCode();

        assertTrue(admin.user(userId).get("emailVerified").asBoolean());
        assertEquals(0, admin.credentials(userId).size(), "the password set before the proof is gone");
        claimEvent("REMOVE_CREDENTIAL", userId);
        AttackReport.record("pre-hijack", "credentials left on an account whose address an admin changed unverified",
                admin.credentials(userId).size());
    }

    @Test
    void autoRegistrationWorksWhileTheRegistrationPageWithAPasswordStaysClosed() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        LoginBrowser.Page registration = realm.browser().openRegistration();
        assertFalse(registration.shows("name=\"password\""), "no password form: " + registration.html());

        String newcomer = DemoRealm.newAddress("newcomer");
        LoginBrowser browser = realm.atCodePage(newcomer);
        browser.submitCode(realm.codeFor(newcomer));
        String userId = admin.userIdByEmail(newcomer);
        assertNotNull(userId, "registered by the code, without the realm's registration switch");
        assertTrue(admin.user(userId).get("emailVerified").asBoolean());
        AttackReport.record("pre-hijack", "password fields on the registrations endpoint with auto-registration on",
                registration.html().split("name=\"password\"", -1).length - 1);
    }

    /** The attacker registers the address on Keycloak's own page, with a password, and is signed in: their session. */
    private String registerAsAttacker(String victim) {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        LoginBrowser attacker = realm.browser();
        LoginBrowser.Page form = attacker.openRegistration();
        assertTrue(form.shows("name=\"password\""), form.html());
        attacker.submitRegistration(victim, PASSWORD);
        attacker.authorizationCode();
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", false));
        String userId = admin.userIdByEmail(victim);
        assertEquals(1, admin.credentials(userId).size(), "the attacker's password");
        List<String> sessions = admin.sessionIds(userId);
        assertEquals(1, sessions.size(), "the attacker's session");
        return sessions.get(0);
    }

    /** The event of this type that the claim of this test's account wrote. */
    private JsonNode claimEvent(String type, String userId) {
        return admin.events(type).stream()
                .filter(e -> userId.equals(e.path("userId").asText())
                        && CLAIM_REASON.equals(e.path("details").path("reason").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " event of the claim"));
    }
}

package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A copied "signed in here before" cookie: whoever holds it gets the address's known-browser lane (its own cooldown,
 * budget and failure cap, outside Keycloak's temporary lockout). Once the address's known browsers are revoked (the
 * account is deleted, an administrator resets the address's limits or signs the account out everywhere, the owner
 * changes the address), the copy is worth what a stranger has: its requests are served in the open lane, and the
 * cookie is removed.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class CopiedBrowserCookieAttackIT {

    private static final String KNOWN_COOKIE = "KC_EMAIL_CODE_KNOWN_";
    private static final String TOO_MANY = "Too many codes were requested";

    private final DemoRealm realm;
    private final RealmAdmin admin;
    private Map<String, String> savedStep;

    CopiedBrowserCookieAttackIT(DemoRealm realm) {
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @BeforeEach
    void twoCodesPerLaneAndHour() {
        savedStep = admin.updateStepConfig(DemoRealm.FLOW, Map.of("sends.per.hour", "2", "resend.cooldown.seconds", "0"));
    }

    @AfterEach
    void restore() {
        admin.updateStepConfig(DemoRealm.FLOW, savedStep);
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenAnAdministratorResetsTheAddress() {
        copiedCookieAfter("an administrator's reset", owner -> {
            HttpResponse<String> reset = admin.post("/email-code/limits/reset",
                    RealmAdmin.JSON.createObjectNode().put("email", owner));
            assertEquals(204, reset.statusCode(), reset.body());
        });
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenAnAdministratorSignsTheAccountOutEverywhere() {
        copiedCookieAfter("an administrator's sign-out everywhere", owner -> {
            HttpResponse<String> signOut = admin.post("/users/" + admin.userIdByEmail(owner) + "/logout");
            assertEquals(204, signOut.statusCode(), signOut.body());
        });
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenTheAccountIsDeleted() {
        copiedCookieAfter("the account's deletion", owner -> admin.deleteUser(admin.userIdByEmail(owner)));
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenTheOwnerChangesTheAddress() {
        // The demo realm uses addresses as usernames and lets nobody change them; this realm lets its users do so.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("editUsernameAllowed", true));
        try {
            copiedCookieAfter("the owner's change of address", owner -> {
                String userId = admin.userIdByEmail(owner);
                ObjectNode user = (ObjectNode) admin.user(userId);
                user.putArray("requiredActions").add("UPDATE_PROFILE");
                admin.updateUser(userId, user);
                String moved = DemoRealm.newAddress("moved");
                LoginBrowser newBrowser = realm.atCodePage(owner);
                LoginBrowser.Page profile = newBrowser.submitCode(realm.codeFor(owner));
                if (profile.location() != null) {
                    newBrowser.follow();
                }
                newBrowser.submitProfile("Owner", "Moved", moved);
                assertEquals(userId, admin.userIdByEmail(moved), "the owner changed the address on the profile page");
            });
        } finally {
            admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("editUsernameAllowed", false));
        }
    }

    /**
     * The owner signs in (one of the open lane's two codes of the hour) and their cookie is copied; the copy gets a
     * code in the lane of its own, which has one left. After the trigger a stranger spends the open lane, and the
     * copy gets what the stranger's next request gets.
     */
    private void copiedCookieAfter(String trigger, Consumer<String> revoke) {
        String owner = realm.newUser();
        LoginBrowser ownersBrowser = realm.atCodePage(owner);
        ownersBrowser.submitCode(realm.codeFor(owner));
        ownersBrowser.authorizationCode();
        Map<String, String> copied = ownersBrowser.cookiesStartingWith(KNOWN_COOKIE);
        assertEquals(1, copied.size(), "the owner's browser is known: " + ownersBrowser.cookieNames());

        LoginBrowser copy = realm.browser();
        copy.addCookies(copied);
        copy.openLogin();
        assertFalse(copy.submitEmail(owner).shows(TOO_MANY), "before: the copy has a lane of its own");

        revoke.accept(owner);
        int strangersCodes = 0;
        while (!realm.atCodePage(owner).page().shows(TOO_MANY)) {
            assertTrue(++strangersCodes <= 2, "the open lane allows two codes an hour");
        }

        LoginBrowser later = realm.browser();
        later.addCookies(copied);
        later.openLogin();
        LoginBrowser.Page page = later.submitEmail(owner);
        assertTrue(page.shows(TOO_MANY), "after " + trigger + " the copy is served in the open lane: " + page.html());
        assertTrue(later.cookiesStartingWith(KNOWN_COOKIE).isEmpty(), "and the revoked cookie is removed");
        AttackReport.record("copied browser cookie", "codes the copy got in a lane of its own after " + trigger, 0);
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.StackState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A copied "signed in here before" cookie: whoever holds it gets the address's known-browser lane (its own cooldown,
 * budget and failure cap, outside Keycloak's temporary lockout). Once the address's known browsers are revoked (the
 * account is deleted, an administrator resets the address's limits, changes the account or signs it out everywhere,
 * the owner signs out of all devices or changes the address), the copy is worth what a stranger has: its requests are
 * served in the open lane, and the cookie is removed.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class CopiedBrowserCookieAttackIT {

    private static final String KNOWN_COOKIE = "KC_EMAIL_CODE_KNOWN_";
    private static final String TOO_MANY = "Too many codes were requested";

    private final DemoRealm realm;
    private final RealmAdmin admin;
    private int codesPerLaneAndHour = 2;

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
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("sends.per.hour", "2", "resend.cooldown.seconds", "0"));
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
    void aCopiedCookieLosesItsLaneWhenAnAdministratorChangesTheAccountsAddress() {
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("editUsernameAllowed", true));
        copiedCookieAfter("an administrator's change of the address", owner -> {
            String userId = admin.userIdByEmail(owner);
            ObjectNode user = (ObjectNode) admin.user(userId);
            String moved = DemoRealm.newAddress("moved");
            user.put("email", moved).put("username", moved);
            admin.updateUser(userId, user);
            assertEquals(userId, admin.userIdByEmail(moved), "the administrator changed the address");
        });
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenTheOwnerSignsOutOfAllDevicesInTheAccountConsole() {
        copiedCookieAfter("the owner's sign-out of all devices", owner -> {
            LoginBrowser phone = realm.atCodePage(owner);
            phone.submitCode(realm.codeFor(owner));
            String accessToken = accessToken(phone.exchangeCode(phone.authorizationCode()));
            HttpResponse<String> devices = phone.accountApi("GET", "/sessions/devices", accessToken);
            assertEquals(200, devices.statusCode(), devices.body());
            HttpResponse<String> signOut = phone.accountApi("DELETE", "/sessions", accessToken);
            assertEquals(204, signOut.statusCode(), signOut.body());
        });
    }

    /**
     * Where the realm does not run the product's event listener, an administrator's "Sign out" revokes nothing by
     * itself; the owner's next sign-in by code from a browser whose cookie predates it does, for every copy.
     */
    @Test
    void withoutTheListenerACopiedCookieLosesItsLaneAtTheOwnersNextSignInAfterAnAdministratorsSignOut() {
        withoutTheKnownBrowsersListener();
        // The owner's second sign-in spends one of the lane's codes: one more, so only a revocation ends it.
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("sends.per.hour", "3"));
        codesPerLaneAndHour = 3;
        LoginBrowser[] ownersBrowser = new LoginBrowser[1];
        copiedCookieAfter("an administrator's sign-out, then the owner's next sign-in", owner -> {
            pauseOverASecond(); // Keycloak keeps the user's "not before" in whole seconds.
            HttpResponse<String> signOut = admin.post("/users/" + admin.userIdByEmail(owner) + "/logout");
            assertEquals(204, signOut.statusCode(), signOut.body());
            LoginBrowser again = realm.browser();
            again.addCookies(ownersBrowser[0].cookiesStartingWith(KNOWN_COOKIE));
            again.openLogin();
            again.submitEmail(owner);
            again.submitCode(realm.codeFor(owner));
            again.authorizationCode();
        }, browser -> ownersBrowser[0] = browser);
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenTheAccountIsDeleted() {
        copiedCookieAfter("the account's deletion", owner -> admin.deleteUser(admin.userIdByEmail(owner)));
    }

    @Test
    void aCopiedCookieLosesItsLaneWhenTheOwnerChangesTheAddressOnTheProfilePage() {
        // A realm without Keycloak's "Update email": the profile page edits the address. The demo realm uses
        // addresses as usernames and lets nobody change them; this realm lets its users do so.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("editUsernameAllowed", true));
        admin.setRequiredActionEnabled(StackState.UPDATE_EMAIL, false);
        try {
            // From the owner's own signed-in browser, as an app asks for it: no administrator touches the account
            // (that alone would revoke its known browsers).
            LoginBrowser[] ownersBrowser = new LoginBrowser[1];
            copiedCookieAfter("the owner's change of address on the profile page", owner -> {
                String userId = admin.userIdByEmail(owner);
                String moved = DemoRealm.newAddress("moved");
                LoginBrowser.Page profile = ownersBrowser[0].openLogin(Map.of("kc_action", "UPDATE_PROFILE"));
                if (profile.location() != null) {
                    ownersBrowser[0].follow();
                }
                ownersBrowser[0].submitProfile("Owner", "Moved", moved);
                assertEquals(userId, admin.userIdByEmail(moved), "the owner changed the address on the profile page");
            }, browser -> ownersBrowser[0] = browser);
        } finally {
            admin.setRequiredActionEnabled(StackState.UPDATE_EMAIL, true);
        }
    }

    /**
     * The owner changes the address with a code ("Update email" delivered by code, as the demo realm has it), from
     * their own signed-in browser as an app asks for it. Without the product's event listener: the door itself
     * revokes the known browsers of both addresses.
     */
    @Test
    void aCopiedCookieLosesItsLaneWhenTheOwnerChangesTheAddressWithACode() {
        withoutTheKnownBrowsersListener();
        // The demo realm uses addresses as usernames: the change moves the username too.
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("editUsernameAllowed", true));
        LoginBrowser[] ownersBrowser = new LoginBrowser[1];
        copiedCookieAfter("the owner's change of address", owner -> {
            String userId = admin.userIdByEmail(owner);
            String moved = DemoRealm.newAddress("moved");
            LoginBrowser.Page form = ownersBrowser[0].openLogin(Map.of("kc_action", "UPDATE_EMAIL"));
            if (form.location() != null) {
                ownersBrowser[0].follow();
            }
            ownersBrowser[0].submitForm(Map.of("email", moved));
            ownersBrowser[0].submitCode(realm.codeFor(moved));
            assertEquals(userId, admin.userIdByEmail(moved), "the owner changed the address with its code");
        }, browser -> ownersBrowser[0] = browser);
    }

    /**
     * The owner signs in (one of the open lane's two codes of the hour) and their cookie is copied; the copy gets a
     * code in the lane of its own, which has one left. After the trigger a stranger spends the open lane, and the
     * copy gets what the stranger's next request gets.
     */
    private void copiedCookieAfter(String trigger, Consumer<String> revoke) {
        copiedCookieAfter(trigger, revoke, browser -> { });
    }

    /** @param signedIn receives the owner's browser once it signed in */
    private void copiedCookieAfter(String trigger, Consumer<String> revoke, Consumer<LoginBrowser> signedIn) {
        String owner = realm.newUser();
        LoginBrowser ownersBrowser = realm.atCodePage(owner);
        ownersBrowser.submitCode(realm.codeFor(owner));
        ownersBrowser.authorizationCode();
        signedIn.accept(ownersBrowser);
        Map<String, String> copied = ownersBrowser.cookiesStartingWith(KNOWN_COOKIE);
        assertEquals(1, copied.size(), "the owner's browser is known: " + ownersBrowser.cookieNames());

        LoginBrowser copy = realm.browser();
        copy.addCookies(copied);
        copy.openLogin();
        assertFalse(copy.submitEmail(owner).shows(TOO_MANY), "before: the copy has a lane of its own");
        // Emails leave after a random delay: the copy's must be out before a trigger reads the address's newest code.
        realm.awaitCodeEmailsOut();

        revoke.accept(owner);
        int strangersCodes = 0;
        while (!realm.atCodePage(owner).page().shows(TOO_MANY)) {
            assertTrue(++strangersCodes <= codesPerLaneAndHour, "the open lane's codes of the hour");
        }

        LoginBrowser later = realm.browser();
        later.addCookies(copied);
        later.openLogin();
        LoginBrowser.Page page = later.submitEmail(owner);
        assertTrue(page.shows(TOO_MANY), "after " + trigger + " the copy is served in the open lane: " + page.html());
        assertTrue(later.cookiesStartingWith(KNOWN_COOKIE).isEmpty(), "and the revoked cookie is removed");
        AttackReport.record("copied browser cookie", "codes the copy got in a lane of its own after " + trigger, 0);
    }

    /** The realm stops running the product's event listener ({@code email-code-known-browsers}). */
    private void withoutTheKnownBrowsersListener() {
        admin.updateEventListeners(all -> {
            ArrayNode kept = RealmAdmin.JSON.createArrayNode();
            all.forEach(listener -> {
                if (!listener.asText().equals("email-code-known-browsers")) {
                    kept.add(listener);
                }
            });
            return kept;
        });
    }

    private static String accessToken(String tokens) {
        try {
            return RealmAdmin.JSON.readTree(tokens).get("access_token").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The token endpoint answered no JSON: " + tokens, e);
        }
    }

    private static void pauseOverASecond() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

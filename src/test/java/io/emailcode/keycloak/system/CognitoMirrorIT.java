package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.CognitoLocal;
import io.emailcode.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The Cognito mirror against real Keycloak, cognito-local behind a counting proxy, and DynamoDB Local:
 * what a sign-in, a profile change, an admin change and a delete do to the pool, and that an outage loses nothing.
 */
@ExtendWith(RealStack.class)
class CognitoMirrorIT {

    private static final String FLOW = DemoRealm.FLOW;
    private static final String REALM = DemoRealm.NAME;
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(1500);

    private static CognitoIdentityProviderClient cognito;
    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    CognitoMirrorIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void prepareRealmAndClient(LocalStack stack, DemoRealm realm) {
        realm.allowQuickRetries();
        // Administrators may see the linked sub on the user (it is not part of the profile people edit).
        realm.admin().updateUserProfile(profile -> profile.put("unmanagedAttributePolicy", "ADMIN_VIEW"));
        // Straight to the emulator, so the tests' own reads are not counted as Keycloak's calls.
        cognito = CognitoLocal.client(stack.cognito().endpoint());
    }

    @AfterAll
    static void closeClient() {
        if (cognito != null) {
            cognito.close();
        }
    }

    @BeforeEach
    void quickCodesRegistrationAndTheMirror() {
        admin.updateStepConfig(FLOW, Map.of("resend.cooldown.seconds", "0", "sends.per.hour", "100",
                "auto.register", "true"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT"));
    }

    @Test
    void aPoolUserWithTheAddressIsAdoptedOnlyOnceThePersonProvedTheAddressWithACode() {
        String email = newAddress();
        String poolSub = createPoolUser("legacy-" + UUID.randomUUID(), email);
        String userId = admin.createUser(email, null);
        pause(Duration.ofSeconds(3));
        assertNull(linkedSub(userId).orElse(null), "an admin-created account is not linked to someone's pool user");
        assertEquals(1, poolUsersWith(email), "and no second pool user is made for the address");
        realm.signIn(email);
        assertEquals(poolSub, await("the pool user adopted after the code", () -> linkedSub(userId)));
        assertEquals(1, poolUsersWith(email));
    }

    /** Registration by a code proves the address as much as a sign-in does: the pool user that has it is adopted. */
    @Test
    void anAccountRegisteredByACodeAdoptsThePoolUserThatAlreadyHasTheAddress() {
        String email = newAddress();
        String poolSub = createPoolUser("legacy-" + UUID.randomUUID(), email);
        realm.signIn(email);
        String userId = admin.userIdByEmail(email);
        assertEquals(poolSub, await("the pool user adopted by the registering sign-in", () -> linkedSub(userId)));
        assertEquals(1, poolUsersWith(email), "no second pool user for the address");
    }

    @Test
    void anUnverifiedAddressChangeByAnAdminNeverMakesAVerifiedPoolUser() {
        String victim = newAddress();
        createPoolUser("victim-" + UUID.randomUUID(), victim);
        String email = newAddress();
        realm.signIn(email);
        String userId = admin.userIdByEmail(email);
        String sub = await("the account linked", () -> linkedSub(userId));
        change(userId, u -> u.put("email", victim).put("emailVerified", false));
        Map<String, String> moved = await("the address change mirrored", () -> poolUserBySub(sub)
                .filter(u -> victim.equals(u.get("email"))));
        assertEquals("false", moved.get("email_verified"), "the pool says what Keycloak says: not verified");
    }

    @Test
    void firstSignInCreatesAVerifiedPoolUserAndARepeatSignInMakesNoCognitoCall() {
        String email = newAddress();
        stack.cognitoProxy().resetCounts();
        realm.signIn(email);
        Map<String, String> pooled = await("pool user for the new account, with its profile's names",
                () -> poolUser(email).filter(u -> "Person".equals(u.get("family_name"))));
        assertEquals("true", pooled.get("email_verified"));
        String userId = admin.userIdByEmail(email);
        String sub = await("sub on the Keycloak user", () -> linkedSub(userId));
        assertEquals(pooled.get("sub"), sub);
        Map<String, Integer> firstCalls = callsOnceQuiet();

        stack.cognitoProxy().resetCounts();
        realm.signIn(email);
        pause(Duration.ofSeconds(3));
        Map<String, Integer> repeatCalls = stack.cognitoProxy().calls();
        System.out.println("Cognito calls, first sign-in (auto-registration): " + firstCalls + "; repeat sign-in: " + repeatCalls);
        // Creation is ListUsers + AdminCreateUser; completing the new account's profile (names) adds its update.
        assertEquals(1, firstCalls.get("AdminCreateUser"), firstCalls.toString());
        assertTrue(firstCalls.values().stream().mapToInt(Integer::intValue).sum() <= 4, firstCalls.toString());
        assertEquals(Map.of(), repeatCalls);
    }

    @Test
    void profileUpdateAdminDisableAndDeleteFollowKeycloak() {
        String email = newAddress();
        String userId = admin.createUser(email, null);
        await("admin-created user mirrored", () -> poolUser(email));

        change(userId, u -> u.putArray("requiredActions").add("UPDATE_PROFILE"));
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        browser.submitEmail(email);
        browser.submitCode(realm.codeFor(email));
        browser.follow();
        browser.submitProfile("Renamed", "Person");
        await("given_name updated", () -> poolUser(email).filter(u -> "Renamed".equals(u.get("given_name"))));

        change(userId, u -> u.put("enabled", false));
        await("pool user disabled", () -> poolUserType(email).filter(u -> !u.enabled()));

        admin.deleteUser(userId);
        await("pool user deleted", () -> poolUser(email).isPresent() ? Optional.empty() : Optional.of(true));
    }

    @Test
    void duringAnOutageSignInsSucceedAndNothingIsLostOnceCognitoIsBack() {
        String renamed = newAddress();
        String renamedId = admin.createUser(renamed, null);
        await("user mirrored", () -> poolUser(renamed));
        String deleted = newAddress();
        String deletedId = admin.createUser(deleted, null);
        await("user mirrored", () -> poolUser(deleted));
        double queuedBefore = metric("queued");

        stack.cognitoProxy().setDown(true);
        stack.cognitoProxy().resetCounts();
        String registered = newAddress();
        realm.signIn(registered);
        String signedInAgain = newAddress();
        realm.signIn(signedInAgain);
        change(renamedId, u -> u.put("firstName", "During").put("lastName", "Outage"));
        change(deletedId, u -> u.put("firstName", "Soon").put("lastName", "Gone"));
        admin.deleteUser(deletedId);
        pause(Duration.ofSeconds(3));
        int refused = stack.cognitoProxy().totalCalls();
        double queued = metric("queued") - queuedBefore;
        assertTrue(poolUser(registered).isEmpty());
        assertTrue(poolUser(deleted).isPresent());

        stack.cognitoProxy().setDown(false);
        stack.cognitoProxy().resetCounts();
        await("registered user created", () -> poolUser(registered));
        await("second user created", () -> poolUser(signedInAgain));
        await("rename applied", () -> poolUser(renamed).filter(u -> "During".equals(u.get("given_name"))));
        await("delete applied", () -> poolUser(deleted).isPresent() ? Optional.empty() : Optional.of(true));
        assertEquals(poolUser(registered).orElseThrow().get("sub"), await("sub linked", () -> linkedSub(admin.userIdByEmail(registered))));
        int retried = stack.cognitoProxy().totalCalls();
        System.out.printf("Cognito outage: %d calls refused, %.0f changes queued, %d calls to catch up, 0 lost "
                + "(4 users checked against Keycloak); lost counter: %.0f%n", refused, queued, retried, metric("lost"));
        assertEquals(0, metric("lost"));
        assertTrue(queued >= 4, "queued " + queued);

        HttpResponse<String> summary = admin.post("/email-code/cognito-mirror/reconcile");
        assertEquals(200, summary.statusCode(), summary.body());
        System.out.println("Full reconciliation after the outage: " + summary.body());
        assertTrue(summary.body().contains("\"failed\":0"), summary.body());
        // Users imported with the realm were never signed in, so a first full run may still create them;
        // what the outage touched is already in line (checked above), and nothing fails.
    }

    @Test
    void requiredModeRefusesTheSignInWithAClearPageWhileCognitoIsDown() {
        admin.updateRealmSettings(Map.of("mirror.mode", "REQUIRED"));
        stack.cognitoProxy().setDown(true);
        String email = newAddress();
        RealmAdmin.EventMark before = admin.mark();
        LoginBrowser browser = realm.browser();
        browser.openLogin();
        browser.submitEmail(email);
        LoginBrowser.Page page = browser.submitCode(realm.codeFor(email));
        assertNull(page.location(), "no redirect back to the app");
        assertTrue(page.shows("a connected system is unavailable"), page.html());
        assertEquals(1, admin.errorsSince(before, "generic_authentication_error", "email_code_mirror_unavailable", email)
                .size());

        stack.cognitoProxy().setDown(false);
        LoginBrowser again = realm.browser();
        again.openLogin();
        again.submitEmail(email);
        DemoRealm.finishSignIn(again, again.submitCode(realm.codeFor(email)));
        assertFalse(poolUser(email).isEmpty(), "mirrored synchronously before the sign-in completed");
    }

    @Test
    void reconciliationNeedsAnAdministratorWhoManagesUsers() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                stack.keycloak().baseUrl().resolve("/admin/realms/" + REALM + "/email-code/cognito-mirror/reconcile"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(403, reconcileAs(newAddress(), "a person without admin roles"), "signed in, but may not manage users");
        HttpResponse<String> first = admin.post("/email-code/cognito-mirror/reconcile");
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> second = admin.post("/email-code/cognito-mirror/reconcile");
        assertTrue(second.body().matches(".*\"created\":0,\"updated\":0,\"disabled\":0,\"deleted\":0,.*\"failed\":0.*"), second.body());
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Status of a reconciliation request made with the token of a realm user who has a password and no roles. */
    private int reconcileAs(String email, String password) throws Exception {
        admin.createUser(email, password);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(stack.keycloak().baseUrl()
                        .resolve("/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(LoginBrowser.form(java.util.Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", email, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = RealmAdmin.JSON.readTree(token.body()).get("access_token").asText();
        return http.send(HttpRequest.newBuilder(stack.keycloak().baseUrl().resolve("/admin/realms/" + REALM + "/email-code/cognito-mirror/reconcile"))
                .header("Authorization", "Bearer " + accessToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String newAddress() {
        return "mirror-" + UUID.randomUUID() + "@example.com";
    }

    /** An admin update as the console sends it: the whole user, with some fields changed. */
    private void change(String userId, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode) admin.user(userId);
        edit.accept(user);
        admin.updateUser(userId, user);
    }

    private Optional<UserType> poolUserType(String email) {
        return cognito.listUsers(b -> b.userPoolId(stack.cognito().userPoolId()).filter("email = \"" + email + "\""))
                .users().stream().findFirst();
    }

    private Optional<Map<String, String>> poolUser(String email) {
        return poolUserType(email).map(u -> u.attributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value)));
    }

    private Optional<Map<String, String>> poolUserBySub(String sub) {
        return cognito.listUsers(b -> b.userPoolId(stack.cognito().userPoolId()).filter("sub = \"" + sub + "\""))
                .users().stream().findFirst()
                .map(u -> u.attributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value)));
    }

    private int poolUsersWith(String email) {
        return cognito.listUsers(b -> b.userPoolId(stack.cognito().userPoolId()).filter("email = \"" + email + "\""))
                .users().size();
    }

    /** A pool user made directly in Cognito, as a pool that had people first holds them; returns its sub. */
    private String createPoolUser(String username, String email) {
        return cognito.adminCreateUser(b -> b.userPoolId(stack.cognito().userPoolId()).username(username)
                        .messageAction("SUPPRESS").userAttributes(AttributeType.builder().name("email").value(email).build(),
                                AttributeType.builder().name("email_verified").value("true").build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    }

    private Optional<String> linkedSub(String userId) {
        JsonNode sub = admin.user(userId).path("attributes").path("cognito_sub");
        return sub.isArray() && !sub.isEmpty() ? Optional.of(sub.get(0).asText()) : Optional.empty();
    }

    /** Sum of {@code keycloak_cognito_mirror_total} with the given outcome, from Keycloak's metrics endpoint. */
    private double metric(String outcome) {
        return realm.metrics().sum("keycloak_cognito_mirror_total", "outcome=\"" + outcome + "\"");
    }

    /**
     * Every Cognito call of what came before: the mirror's work runs after the responses (the new account's creation,
     * then its profile's names), so its calls end once Cognito has heard nothing for {@link #QUIET}.
     */
    private Map<String, Integer> callsOnceQuiet() {
        int[] before = {-1};
        Await.condition("the mirror's Cognito calls to end", MIRROR_WAIT, QUIET, () -> {
            int now = stack.cognitoProxy().totalCalls();
            boolean quiet = now == before[0];
            before[0] = now;
            return quiet;
        });
        return stack.cognitoProxy().calls();
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        return Await.value(what, MIRROR_WAIT, probe);
    }

    private static void pause(Duration duration) {
        Await.pause(duration);
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AppScreen;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.SignInJourney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An app's own sign-in screen through the authorization challenge endpoint (draft-ietf-oauth-first-party-apps-04),
 * driven over HTTP as an app would: the address, then the code, then Keycloak's token endpoint with the PKCE
 * verifier and no redirect URI.
 */
@ExtendWith(RealStack.class)
class AuthorizationChallengeIT {

    private static final String CLIENT = AppScreen.CLIENT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final LocalStack stack;
    private final DemoRealm realm;
    private final AppScreen app;

    AuthorizationChallengeIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.app = realm.appScreen();
    }

    /** The demo realm's native client {@value #CLIENT}, allowed the endpoint by its default client scope. */
    @BeforeAll
    static void quickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void aKnownAddressSignsInWithTheCodeAndTheAppRedeemsTheAuthorizationCode() {
        String email = realm.newUser();
        AppScreen.Answer first = app.start(email);
        assertEquals("403 insufficient_authorization", first.status() + " " + first.error(), first.body());
        String authSession = first.authSession();
        assertFalse(authSession.isEmpty(), first.body());

        String code = realm.codeFor(email);
        AppScreen.Answer wrong = app.code(authSession, DemoRealm.wrong(code));
        assertEquals(403, wrong.status(), wrong.body());
        assertEquals("invalid_code", wrong.codeError(), wrong.body());

        String authorizationCode = app.code(authSession, code).authorizationCode();
        AppScreen.Answer tokens = app.token(authorizationCode, AppScreen.VERIFIER);
        assertEquals(200, tokens.status(), tokens.body());
        assertTrue(tokens.json().hasNonNull("id_token"), tokens.body());
        JsonNode idToken = claims(tokens.json().path("id_token").asText());
        long authTime = idToken.path("auth_time").asLong();
        assertTrue(Math.abs(authTime - idToken.path("iat").asLong()) <= 5, "auth_time is the sign-in's: " + idToken);
        assertEquals(realm.admin().userIdByEmail(email), idToken.path("sub").asText(), idToken.toString());
        assertEquals("email-code", idToken.path("acr").asText(), "the app flow's level, as the browser's: " + idToken);

        AppScreen.Answer replay = app.code(authSession, code);
        assertEquals("400 invalid_session", replay.status() + " " + replay.error(), replay.body());
    }

    /**
     * An app that must stay signed in for weeks asks for {@code offline_access} in its first request (apps.md): its
     * refresh token is Keycloak's offline one, and it still refreshes after the person's session has ended.
     */
    @Test
    void anAppThatAsksForOfflineAccessKeepsRefreshingAfterTheSessionEnds() {
        String email = realm.newUser();
        AppScreen.Answer first = app.challenge(Map.of("client_id", CLIENT, "response_type", "code",
                "scope", "openid offline_access", "code_challenge", AppScreen.CHALLENGE, "code_challenge_method", "S256",
                "login_hint", email));
        assertEquals("403 insufficient_authorization", first.status() + " " + first.error(), first.body());
        AppScreen.Answer tokens = app.token(app.code(first.authSession(), realm.codeFor(email)).authorizationCode(),
                AppScreen.VERIFIER);
        assertEquals(200, tokens.status(), tokens.body());
        String refreshToken = tokens.json().path("refresh_token").asText();
        assertEquals("Offline", claims(refreshToken).path("typ").asText(), "an offline token: " + claims(refreshToken));

        RealmAdmin admin = realm.admin();
        String userId = admin.userIdByEmail(email);
        String clientId = RealmAdmin.parse(admin.send("GET", "/clients?clientId=" + CLIENT, null).body()).get(0).path("id").asText();
        JsonNode offline = RealmAdmin.parse(admin.send("GET", "/users/" + userId + "/offline-sessions/" + clientId, null).body());
        assertEquals(1, offline.size(), "the app's offline session: " + offline);
        for (String online : admin.sessionIds(userId)) {
            HttpResponse<String> ended = admin.send("DELETE", "/sessions/" + online, null);
            assertEquals(204, ended.statusCode(), ended.body());
        }
        assertEquals(List.of(), admin.sessionIds(userId), "no session of the person is left but the offline one");

        AppScreen.Answer refreshed = app.refresh(refreshToken);
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(userId, claims(refreshed.json().path("access_token").asText()).path("sub").asText(), refreshed.body());
    }

    @Test
    void everyAddressGetsTheSameFirstAnswerKnownUnknownDisabledOrLocked() {
        RealmAdmin admin = realm.admin();
        String known = realm.newUser();
        String disabled = realm.newUser();
        admin.updateUser(admin.userIdByEmail(disabled), RealmAdmin.JSON.createObjectNode().put("enabled", false));
        String unknown = DemoRealm.newAddress("nobody");
        Set<String> shapes = new HashSet<>();
        for (String email : new String[] {known, disabled, unknown}) {
            shapes.add(app.start(email).shape());
        }
        assertEquals(Set.of("403 insufficient_authorization  [error, auth_session]"), shapes);
    }

    /** The app's {@code ui_locales} chooses the email's language, as a browser's sign-in page language does. */
    @Test
    void theEmailIsInTheLanguageTheAppAsksFor() {
        String email = realm.newUser();
        AppScreen.Answer asked = app.challenge(Map.of("client_id", CLIENT, "response_type", "code", "scope", "openid",
                "code_challenge", AppScreen.CHALLENGE, "code_challenge_method", "S256", "login_hint", email,
                "ui_locales", "de"));
        assertEquals("403 insufficient_authorization", asked.status() + " " + asked.error(), asked.body());
        realm.codeFor(email);
        assertEquals(SignInJourney.emailText("de", "emailCodeSubject", "Demo"), realm.lastEmailTo(email).subject());
    }

    @Test
    void resendWaitsForTheCooldownAndAnExpiredCodeSaysSo() {
        String email = realm.newUser();
        String authSession = app.startedFor(email);
        String first = realm.codeFor(email);
        AppScreen.Answer tooSoon = app.resend(authSession);
        assertEquals(403, tooSoon.status(), tooSoon.body());
        assertEquals("resend_cooldown", tooSoon.codeError(), tooSoon.body());
        assertTrue(tooSoon.json().path("retry_after").asInt() > 0, tooSoon.body());

        realm.time().set(Duration.ofSeconds(301));
        AppScreen.Answer expired = app.code(authSession, first);
        assertEquals("expired_code", expired.codeError(), expired.body());
        AppScreen.Answer resent = app.resend(authSession);
        assertEquals(403, resent.status(), resent.body());
        String second = realm.codeFor(email);
        assertFalse(second.equals(first));
        assertEquals(200, app.code(authSession, second).status());
    }

    @Test
    void theAuthSessionIsTheClientsAndTheCodeNeedsItsVerifier() {
        String email = realm.newUser();
        String authSession = app.startedFor(email);
        AppScreen.Answer otherClient = new AppScreen(stack.keycloak().baseUrl(), DemoRealm.NAME, "demo-app")
                .code(authSession, realm.codeFor(email));
        assertEquals(400, otherClient.status(), otherClient.body());

        String authorizationCode = app.code(authSession, realm.codeFor(email)).authorizationCode();
        AppScreen.Answer wrongVerifier = app.token(authorizationCode, "x".repeat(43));
        assertEquals(400, wrongVerifier.status(), wrongVerifier.body());
        AppScreen.Answer reused = app.token(authorizationCode, AppScreen.VERIFIER);
        assertEquals(400, reused.status(), "an authorization code is used once: " + reused.body());
    }

    @Test
    void withoutPkceTheRequestIsInvalid() {
        AppScreen.Answer noPkce = app.challenge(Map.of("client_id", CLIENT, "response_type", "code",
                "login_hint", realm.newUser()));
        assertEquals("400 invalid_request", noPkce.status() + " " + noPkce.error(), noPkce.body());
    }

    @Test
    void aPendingRequiredActionSendsTheAppToTheWebOnlyAfterTheRightCode() {
        RealmAdmin admin = realm.admin();
        String email = realm.newUser();
        admin.updateUser(admin.userIdByEmail(email), RealmAdmin.JSON.createObjectNode()
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add("UPDATE_PROFILE")));
        String authSession = app.startedFor(email);
        AppScreen.Answer web = app.code(authSession, realm.codeFor(email));
        assertEquals("403 redirect_to_web", web.status() + " " + web.error(), web.body());
    }

    @Test
    void theRealmsWellKnownDocumentsAdvertiseTheEndpointBesideKeycloaksOwnMembers() throws IOException {
        String realmUrl = stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME;
        for (String document : new String[] {"openid-configuration", "oauth-authorization-server"}) {
            HttpResponse<String> answer = get(realmUrl + "/.well-known/" + document);
            assertEquals(200, answer.statusCode(), document + ": " + answer.body());
            JsonNode config = RealmAdmin.JSON.readTree(answer.body());
            assertEquals(realmUrl + "/authorization-challenge", config.path("authorization_challenge_endpoint").asText(), document);
            assertEquals(realmUrl + "/protocol/openid-connect/token", config.path("token_endpoint").asText(), document);
        }
    }

    @Test
    void aClientWithoutTheScopeIsRefused() {
        RealmAdmin.EventMark mark = realm.admin().mark();
        AppScreen.Answer refused = new AppScreen(stack.keycloak().baseUrl(), DemoRealm.NAME, "demo-app")
                .start(realm.newUser());
        assertEquals("400 unauthorized_client", refused.status() + " " + refused.error(), refused.body());
        List<JsonNode> events = realm.admin().events("LOGIN_ERROR").stream()
                .filter(e -> !mark.ids().contains(e.path("id").asText())).toList();
        assertEquals(1, events.size(), events.toString());
        assertEquals("not_allowed", events.get(0).path("error").asText(), events.toString());
        assertEquals("demo-app", events.get(0).path("clientId").asText(), events.toString());
        assertEquals("app-sign-in", events.get(0).path("details").path("email_code_door").asText(), events.toString());
    }

    /**
     * An auth_session lives as long as Keycloak's login: the realm's login timeout (30 minutes here) from its last
     * request, not longer; the app then hears invalid_session, and not an error of the server.
     */
    @Test
    void anAuthSessionEndsWithTheRealmsLoginTimeout() {
        AppScreen app = realm.appScreen();
        String email = realm.newUser();
        String authSession = app.startedFor(email);
        String code = realm.codeFor(email);
        realm.time().set(Duration.ofMinutes(31));
        AppScreen.Answer late = app.code(authSession, code);
        assertEquals("400 invalid_session", late.status() + " " + late.error(), late.body());
        AppScreen.Answer again = app.resend(authSession);
        assertEquals("400 invalid_session", again.status() + " " + again.error(), "the login is gone: " + again.body());
    }

    /**
     * The app's flow may register unknown addresses; the demo realm's profile asks a new account for names, which
     * the app cannot show, so the account is created by the right code and the app is sent to the web.
     */
    @Test
    void anUnknownAddressBecomesAnAccountWhereTheAppsFlowRegistersItAndTheWebAsksForTheProfile() {
        RealmAdmin admin = realm.admin();
        admin.updateStepConfig(DemoRealm.APP_FLOW, Map.of("auto.register", "true"));
        AppScreen app = realm.appScreen();
        String email = DemoRealm.newAddress("app-new");
        String authSession = app.startedFor(email);
        assertEquals(null, admin.userIdByEmail(email), "nobody is created before the code is entered");
        AppScreen.Answer answer = app.code(authSession, realm.codeFor(email));
        assertEquals("403 redirect_to_web", answer.status() + " " + answer.error(), answer.body());

        String userId = admin.userIdByEmail(email);
        assertTrue(admin.user(userId).get("emailVerified").asBoolean(), "the code proved the address");
        assertEquals(1, admin.events("REGISTER").stream().filter(e -> userId.equals(e.path("userId").asText())).count());
    }

    @Test
    void aPersonOnlyThePoolHasIsImportedOnProofOnTheAppsScreen() {
        RealmAdmin admin = realm.admin();
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT", "mirror.import", "true"));
        String email = DemoRealm.newAddress("app-pooled");
        String sub;
        try (PoolUsers pool = new PoolUsers(stack.cognito())) {
            sub = pool.create("legacy-" + email, Map.of("email", email, "email_verified", "true", "given_name", "Pat",
                    "family_name", "Pool"), true);
        }
        AppScreen app = realm.appScreen();
        String authSession = app.startedFor(email);
        assertEquals(null, admin.userIdByEmail(email), "nobody is imported before the code is entered");
        String authorizationCode = app.code(authSession, realm.codeFor(email)).authorizationCode();
        assertEquals(200, app.token(authorizationCode, AppScreen.VERIFIER).status());

        String userId = admin.userIdByEmail(email);
        assertEquals(sub, admin.user(userId).path("attributes").path("cognito_sub").get(0).asText(), "linked to the pool user");
        JsonNode register = admin.events("REGISTER").stream().filter(e -> userId.equals(e.path("userId").asText()))
                .findFirst().orElseThrow();
        assertEquals("cognito-import", register.path("details").path("register_method").asText(), register.toString());
        JsonNode login = admin.events("LOGIN").stream().filter(e -> userId.equals(e.path("userId").asText()))
                .findFirst().orElseThrow();
        assertEquals("app-sign-in", login.path("details").path("email_code_door").asText(), login.toString());
        assertEquals(CLIENT, login.path("clientId").asText(), login.toString());
    }

    /** A JWT's claims (its signature is Keycloak's token endpoint's business, checked by the demo app). */
    private static JsonNode claims(String jwt) {
        try {
            return RealmAdmin.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AppScreen;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
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

    private static final String CLIENT = "demo-native";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final LocalStack stack;
    private final DemoRealm realm;

    AuthorizationChallengeIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    /** The demo realm's native client {@value #CLIENT}, allowed the endpoint by its default client scope. */
    @BeforeAll
    static void quickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void aKnownAddressSignsInWithTheCodeAndTheAppRedeemsTheAuthorizationCode() throws IOException {
        String email = realm.newUser();
        HttpResponse<String> first = challenge(Map.of("client_id", CLIENT, "response_type", "code", "scope", "openid",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "login_hint", email));
        assertEquals(403, first.statusCode(), first.body());
        JsonNode asked = RealmAdmin.JSON.readTree(first.body());
        assertEquals("insufficient_authorization", asked.path("error").asText(), first.body());
        String authSession = asked.path("auth_session").asText();
        assertFalse(authSession.isEmpty(), first.body());

        String code = realm.codeFor(email);
        HttpResponse<String> wrong = challenge(Map.of("client_id", CLIENT, "auth_session", authSession,
                "email_code", DemoRealm.wrong(code)));
        assertEquals(403, wrong.statusCode(), wrong.body());
        assertEquals("invalid_code", RealmAdmin.JSON.readTree(wrong.body()).path("email_code_error").asText(), wrong.body());

        HttpResponse<String> right = challenge(Map.of("client_id", CLIENT, "auth_session", authSession, "email_code", code));
        assertEquals(200, right.statusCode(), right.body());
        String authorizationCode = RealmAdmin.JSON.readTree(right.body()).path("authorization_code").asText();

        HttpResponse<String> tokens = post(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME
                + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code", "client_id", CLIENT,
                "code", authorizationCode, "code_verifier", VERIFIER));
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertTrue(RealmAdmin.JSON.readTree(tokens.body()).hasNonNull("id_token"), tokens.body());

        HttpResponse<String> replay = challenge(Map.of("client_id", CLIENT, "auth_session", authSession, "email_code", code));
        assertEquals(400, replay.statusCode(), replay.body());
        assertEquals("invalid_session", RealmAdmin.JSON.readTree(replay.body()).path("error").asText());
    }

    @Test
    void everyAddressGetsTheSameFirstAnswerKnownUnknownDisabledOrLocked() throws IOException {
        RealmAdmin admin = realm.admin();
        String known = realm.newUser();
        String disabled = realm.newUser();
        admin.updateUser(admin.userIdByEmail(disabled), RealmAdmin.JSON.createObjectNode().put("enabled", false));
        String unknown = DemoRealm.newAddress("nobody");
        java.util.Set<String> shapes = new java.util.HashSet<>();
        for (String email : new String[] {known, disabled, unknown}) {
            HttpResponse<String> first = start(email);
            JsonNode body = RealmAdmin.JSON.readTree(first.body());
            shapes.add(first.statusCode() + " " + body.path("error").asText() + " " + fieldNames(body));
        }
        assertEquals(java.util.Set.of("403 insufficient_authorization [error, auth_session]"), shapes);
    }

    @Test
    void resendWaitsForTheCooldownAndAnExpiredCodeSaysSo() throws IOException {
        String email = realm.newUser();
        String authSession = authSessionOf(start(email));
        String first = realm.codeFor(email);
        HttpResponse<String> tooSoon = challenge(Map.of("client_id", CLIENT, "auth_session", authSession, "resend", "true"));
        assertEquals(403, tooSoon.statusCode(), tooSoon.body());
        JsonNode wait = RealmAdmin.JSON.readTree(tooSoon.body());
        assertEquals("resend_cooldown", wait.path("email_code_error").asText(), tooSoon.body());
        assertTrue(wait.path("retry_after").asInt() > 0, tooSoon.body());

        realm.time().set(Duration.ofSeconds(301));
        HttpResponse<String> expired = challenge(Map.of("client_id", CLIENT, "auth_session", authSession, "email_code", first));
        assertEquals("expired_code", RealmAdmin.JSON.readTree(expired.body()).path("email_code_error").asText(), expired.body());
        HttpResponse<String> resent = challenge(Map.of("client_id", CLIENT, "auth_session", authSession, "resend", "true"));
        assertEquals(403, resent.statusCode(), resent.body());
        String second = realm.codeFor(email);
        assertFalse(second.equals(first));
        HttpResponse<String> signedIn = challenge(Map.of("client_id", CLIENT, "auth_session", authSession, "email_code", second));
        assertEquals(200, signedIn.statusCode(), signedIn.body());
    }

    @Test
    void theAuthSessionIsTheClientsAndTheCodeNeedsItsVerifier() throws IOException {
        String email = realm.newUser();
        String authSession = authSessionOf(start(email));
        HttpResponse<String> otherClient = challenge(Map.of("client_id", "demo-app", "auth_session", authSession,
                "email_code", realm.codeFor(email)));
        assertEquals(400, otherClient.statusCode(), otherClient.body());

        HttpResponse<String> right = challenge(Map.of("client_id", CLIENT, "auth_session", authSession,
                "email_code", realm.codeFor(email)));
        String authorizationCode = RealmAdmin.JSON.readTree(right.body()).path("authorization_code").asText();
        HttpResponse<String> wrongVerifier = token(authorizationCode, "x".repeat(43));
        assertEquals(400, wrongVerifier.statusCode(), wrongVerifier.body());
        HttpResponse<String> reused = token(authorizationCode, VERIFIER);
        assertEquals(400, reused.statusCode(), "an authorization code is used once: " + reused.body());
    }

    @Test
    void withoutPkceTheRequestIsInvalid() throws IOException {
        HttpResponse<String> noPkce = challenge(Map.of("client_id", CLIENT, "response_type", "code",
                "login_hint", realm.newUser()));
        assertEquals(400, noPkce.statusCode(), noPkce.body());
        assertEquals("invalid_request", RealmAdmin.JSON.readTree(noPkce.body()).path("error").asText());
    }

    @Test
    void aPendingRequiredActionSendsTheAppToTheWebOnlyAfterTheRightCode() throws IOException {
        RealmAdmin admin = realm.admin();
        String email = realm.newUser();
        admin.updateUser(admin.userIdByEmail(email), RealmAdmin.JSON.createObjectNode()
                .set("requiredActions", RealmAdmin.JSON.createArrayNode().add("UPDATE_PROFILE")));
        String authSession = authSessionOf(start(email));
        HttpResponse<String> web = challenge(Map.of("client_id", CLIENT, "auth_session", authSession,
                "email_code", realm.codeFor(email)));
        assertEquals(403, web.statusCode(), web.body());
        assertEquals("redirect_to_web", RealmAdmin.JSON.readTree(web.body()).path("error").asText());
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
    void aClientWithoutTheScopeIsRefused() throws IOException {
        RealmAdmin.EventMark mark = realm.admin().mark();
        HttpResponse<String> refused = challenge(Map.of("client_id", "demo-app", "response_type", "code",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "login_hint", realm.newUser()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("unauthorized_client", RealmAdmin.JSON.readTree(refused.body()).path("error").asText());
        java.util.List<JsonNode> events = realm.admin().events("LOGIN_ERROR").stream()
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

    private HttpResponse<String> start(String email) {
        return challenge(Map.of("client_id", CLIENT, "response_type", "code", "scope", "openid",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "login_hint", email));
    }

    private static String authSessionOf(HttpResponse<String> first) throws IOException {
        assertEquals(403, first.statusCode(), first.body());
        return RealmAdmin.JSON.readTree(first.body()).path("auth_session").asText();
    }

    private HttpResponse<String> token(String authorizationCode, String verifier) {
        return post(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", CLIENT, "code", authorizationCode,
                        "code_verifier", verifier));
    }

    private static java.util.List<String> fieldNames(JsonNode body) {
        java.util.List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> challenge(Map<String, String> fields) {
        return post(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/authorization-challenge", fields);
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

    private static HttpResponse<String> post(String url, Map<String, String> fields) {
        String form = new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The demo realm's native client, allowed the endpoint by its default client scope. */
    @BeforeAll
    static void aNativeClientWithTheScope(DemoRealm realm) {
        realm.allowQuickRetries();
        RealmAdmin admin = realm.admin();
        if (admin.send("GET", "/clients?clientId=" + CLIENT, null).body().contains(CLIENT)) {
            return;
        }
        HttpResponse<String> scope = admin.send("POST", "/client-scopes", RealmAdmin.JSON.createObjectNode()
                .put("name", "email-code-challenge").put("protocol", "openid-connect").toString());
        assertTrue(scope.statusCode() == 201 || scope.statusCode() == 409, scope.body());
        ObjectNode client = RealmAdmin.JSON.createObjectNode().put("clientId", CLIENT).put("publicClient", true)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add("com.example.demo:/callback");
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        assertEquals(201, admin.send("POST", "/clients", client.toString()).statusCode());
        String clientId = id(admin.send("GET", "/clients?clientId=" + CLIENT, null).body());
        String scopeId = id(admin.send("GET", "/client-scopes", null).body(), "email-code-challenge");
        assertEquals(204, admin.send("PUT", "/clients/" + clientId + "/default-client-scopes/" + scopeId, null).statusCode());
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
    void aClientWithoutTheScopeIsRefused() throws IOException {
        HttpResponse<String> refused = challenge(Map.of("client_id", "demo-app", "response_type", "code",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "login_hint", realm.newUser()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("unauthorized_client", RealmAdmin.JSON.readTree(refused.body()).path("error").asText());
    }

    private HttpResponse<String> challenge(Map<String, String> fields) {
        return post(stack.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/authorization-challenge", fields);
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

    private static String id(String json) {
        try {
            return RealmAdmin.JSON.readTree(json).get(0).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(String json, String name) {
        try {
            for (JsonNode node : RealmAdmin.JSON.readTree(json)) {
                if (name.equals(node.path("name").asText())) {
                    return node.path("id").asText();
                }
            }
            throw new AssertionError("no " + name + " in " + json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

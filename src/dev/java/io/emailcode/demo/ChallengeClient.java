package io.emailcode.demo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The realm's authorization challenge endpoint (draft-ietf-oauth-first-party-apps-04) called the way a native app
 * calls it, as a public client with PKCE: the address first, then the code or a request for a new one, each with the
 * {@code auth_session} of the sign-in.
 */
final class ChallengeClient {

    private final URI endpoint;
    private final String clientId;
    private final JsonHttp http;

    ChallengeClient(URI endpoint, String clientId, JsonHttp http) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.http = http;
    }

    /** The address: the code goes out by the realm's rules, and the answer carries the sign-in's auth_session. */
    ChallengeAnswer start(AppSignIn signIn) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", clientId);
        fields.put("response_type", "code");
        fields.put("scope", OidcClient.SCOPE);
        fields.put("code_challenge", signIn.challenge());
        fields.put("code_challenge_method", "S256");
        fields.put("login_hint", signIn.email());
        return send(fields);
    }

    ChallengeAnswer submitCode(AppSignIn signIn, String code) {
        return send(Map.of("client_id", clientId, "auth_session", signIn.authSession(), "email_code", code));
    }

    ChallengeAnswer resend(AppSignIn signIn) {
        return send(Map.of("client_id", clientId, "auth_session", signIn.authSession(), "resend", "true"));
    }

    private ChallengeAnswer send(Map<String, String> fields) {
        JsonHttp.Answer answer = http.postFormForAnswer(endpoint, fields);
        return new ChallengeAnswer(answer.status(), answer.body());
    }
}

package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo app as an OIDC public client: authorization code flow with PKCE S256, state and nonce,
 * refresh, and RP-initiated logout. Every token it accepts went through {@link TokenVerifier}.
 */
final class OidcClient {

    static final String SCOPE = "openid email profile";

    private final OidcProvider provider;
    private final String clientId;
    private final URI redirectUri;
    private final URI postLogoutRedirectUri;
    private final JsonHttp http;
    private final TokenVerifier verifier;
    private final Clock clock;

    OidcClient(OidcProvider provider, String clientId, URI appBase, JsonHttp http, TokenVerifier verifier, Clock clock) {
        this.provider = provider;
        this.clientId = clientId;
        this.redirectUri = appBase.resolve("/callback");
        this.postLogoutRedirectUri = appBase.resolve("/");
        this.http = http;
        this.verifier = verifier;
        this.clock = clock;
    }

    URI authorizationUrl(LoginAttempt attempt) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("response_type", "code");
        query.put("scope", SCOPE);
        query.put("state", attempt.state());
        query.put("nonce", attempt.nonce());
        query.put("code_challenge", attempt.challenge());
        query.put("code_challenge_method", "S256");
        return withQuery(provider.authorizationEndpoint(), query);
    }

    /** Exchanges the code from the callback; the ID token must carry the attempt's nonce. */
    TokenSet exchange(String code, LoginAttempt attempt) throws InvalidTokenException {
        JsonNode response = http.postForm(provider.tokenEndpoint(), Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri.toString(),
                "client_id", clientId, "code_verifier", attempt.verifier()));
        return verified(response, attempt.nonce(), null);
    }

    /**
     * Redeems an authorization code from the authorization challenge endpoint: with the PKCE verifier and without a
     * redirect URI (draft-ietf-oauth-first-party-apps-04, section 6); no nonce went out, so none is checked.
     */
    TokenSet redeem(String code, String verifier) throws InvalidTokenException {
        JsonNode response = http.postForm(provider.tokenEndpoint(), Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", clientId, "code_verifier", verifier));
        return verified(response, null, null);
    }

    /** A refresh_token grant; the new ID token must be about the same person. */
    TokenSet refresh(TokenSet current) throws InvalidTokenException {
        JsonNode response = http.postForm(provider.tokenEndpoint(), Map.of(
                "grant_type", "refresh_token", "refresh_token", current.refreshToken(), "client_id", clientId));
        return verified(response, null, current.idClaims().path("sub").asText());
    }

    /** Keycloak's end-session endpoint, which ends the Keycloak session and comes back to the home page. */
    URI logoutUrl(TokenSet tokens) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("id_token_hint", tokens.idToken());
        query.put("post_logout_redirect_uri", postLogoutRedirectUri.toString());
        return withQuery(provider.endSessionEndpoint(), query);
    }

    TokenVerifier verifier() {
        return verifier;
    }

    private TokenSet verified(JsonNode response, String nonce, String expectedSubject) throws InvalidTokenException {
        JsonNode idClaims = verifier.verifyIdToken(response.path("id_token").asText(null), nonce);
        verifier.verifyAccessToken(response.path("access_token").asText(null));
        if (expectedSubject != null && !expectedSubject.equals(idClaims.path("sub").asText())) {
            throw new InvalidTokenException("refreshed ID token is about someone else");
        }
        return TokenSet.of(response, idClaims, clock.instant());
    }

    private static URI withQuery(URI endpoint, Map<String, String> query) {
        return URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&") + JsonHttp.form(query));
    }
}

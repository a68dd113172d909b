package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * The endpoints of one realm, from its OpenID Connect discovery document, the authorization challenge endpoint for an
 * app's own sign-in screen among them.
 */
record OidcProvider(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI endSessionEndpoint, URI jwksUri,
                    URI authorizationChallengeEndpoint) {

    static OidcProvider discover(URI keycloak, String realm, JsonHttp http) {
        String expectedIssuer = keycloak.toString().replaceAll("/+$", "") + "/realms/" + realm;
        JsonNode doc = http.get(URI.create(expectedIssuer + "/.well-known/openid-configuration"));
        if (!expectedIssuer.equals(doc.path("issuer").asText())) {
            throw new OidcException("Discovery document names issuer " + doc.path("issuer").asText()
                    + ", expected " + expectedIssuer);
        }
        return new OidcProvider(expectedIssuer, uri(doc, "authorization_endpoint"), uri(doc, "token_endpoint"),
                uri(doc, "end_session_endpoint"), uri(doc, "jwks_uri"), uri(doc, "authorization_challenge_endpoint"));
    }

    private static URI uri(JsonNode doc, String name) {
        if (!doc.hasNonNull(name)) {
            throw new OidcException("Discovery document has no " + name);
        }
        return URI.create(doc.get(name).asText());
    }
}

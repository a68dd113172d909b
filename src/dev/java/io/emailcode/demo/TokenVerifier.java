package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks tokens the realm issued to this app: RS256 signature against the realm's JWKS, issuer, expiry and
 * not-before (with a small clock skew), the token type, and that the token was issued to this client.
 */
final class TokenVerifier {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final String issuer;
    private final String clientId;
    private final Jwks jwks;
    private final Clock clock;

    TokenVerifier(String issuer, String clientId, Jwks jwks, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.jwks = jwks;
        this.clock = clock;
    }

    /** An access token presented to the API: Keycloak names the client it was issued to in {@code azp}. */
    JsonNode verifyAccessToken(String token) throws InvalidTokenException {
        JsonNode claims = verified(token, "Bearer");
        if (!clientId.equals(claims.path("azp").asText()) && !audienceContains(claims, clientId)) {
            throw new InvalidTokenException("token was issued to another client");
        }
        return claims;
    }

    /**
     * An ID token from the token endpoint: the audience must be this client; {@code expectedNonce} is
     * checked when not null (after the authorization code exchange, not after a refresh).
     */
    JsonNode verifyIdToken(String token, String expectedNonce) throws InvalidTokenException {
        JsonNode claims = verified(token, "ID");
        if (!audienceContains(claims, clientId)) {
            throw new InvalidTokenException("ID token audience is not " + clientId);
        }
        if (claims.has("azp") && !clientId.equals(claims.get("azp").asText())) {
            throw new InvalidTokenException("ID token authorized party is not " + clientId);
        }
        if (expectedNonce != null && !constantTimeEquals(expectedNonce, claims.path("nonce").asText(null))) {
            throw new InvalidTokenException("ID token nonce does not match the login");
        }
        return claims;
    }

    private JsonNode verified(String token, String expectedType) throws InvalidTokenException {
        Jwt jwt = Jwt.parse(token);
        if (!"RS256".equals(jwt.header().path("alg").asText())) {
            throw new InvalidTokenException("algorithm is not RS256");
        }
        RSAPublicKey key = jwks.key(jwt.header().path("kid").asText())
                .orElseThrow(() -> new InvalidTokenException("unknown signing key"));
        if (!signatureValid(jwt, key)) {
            throw new InvalidTokenException("bad signature");
        }
        JsonNode claims = jwt.claims();
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new InvalidTokenException("issuer is not " + issuer);
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || claims.get("exp").asLong() + CLOCK_SKEW.toSeconds() < now) {
            throw new InvalidTokenException("token expired");
        }
        if (claims.has("nbf") && claims.get("nbf").asLong() - CLOCK_SKEW.toSeconds() > now) {
            throw new InvalidTokenException("token not valid yet");
        }
        if (!expectedType.equals(claims.path("typ").asText())) {
            throw new InvalidTokenException("token type is not " + expectedType);
        }
        return claims;
    }

    private static boolean signatureValid(Jwt jwt, RSAPublicKey key) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(jwt.signingInput());
            return rs256.verify(jwt.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean audienceContains(JsonNode claims, String audience) {
        JsonNode aud = claims.path("aud");
        if (aud.isTextual()) {
            return aud.asText().equals(audience);
        }
        for (JsonNode value : aud) {
            if (value.asText().equals(audience)) {
                return true;
            }
        }
        return false;
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}

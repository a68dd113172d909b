package io.emailcode.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.keycloak.code.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String ISSUER = "http://localhost:8080/realms/demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair REALM_KEY = rsaKeyPair();
    private static final KeyPair OTHER_KEY = rsaKeyPair();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final TokenVerifier verifier = new TokenVerifier(ISSUER, DemoApp.CLIENT_ID, new Jwks(() -> {
        jwksFetches.incrementAndGet();
        return jwks("k1", (RSAPublicKey) REALM_KEY.getPublic());
    }, clock), clock);

    @Test
    void acceptsAnAccessTokenTheRealmIssuedToTheApp() throws Exception {
        JsonNode claims = verifier.verifyAccessToken(sign(accessClaims(), "k1", REALM_KEY));
        assertEquals("alice@example.com", claims.path("email").asText());
    }

    @Test
    void refusesTokensSignedWithAnotherKeyOrChangedAfterSigning() {
        refused(sign(accessClaims(), "k1", OTHER_KEY), "bad signature");
        String[] parts = sign(accessClaims(), "k1", REALM_KEY).split("\\.");
        String otherClaims = b64(accessClaims().put("email", "mallory@example.com").toString());
        refused(parts[0] + "." + otherClaims + "." + parts[2], "bad signature");
    }

    @Test
    void refusesUnsignedAndSymmetricTokens() {
        String claims = b64(accessClaims().toString());
        refused(b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + claims + ".", "algorithm is not RS256");
        refused(b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}") + "." + claims + ".c2ln", "algorithm is not RS256");
    }

    @Test
    void refusesAnotherIssuerAnotherClientAndTheWrongType() {
        refused(sign(accessClaims().put("iss", "http://localhost:8080/realms/master"), "k1", REALM_KEY), "issuer is not " + ISSUER);
        refused(sign(accessClaims().put("azp", "other-app"), "k1", REALM_KEY), "token was issued to another client");
        refused(sign(accessClaims().put("typ", "ID"), "k1", REALM_KEY), "token type is not Bearer");
    }

    @Test
    void refusesAnExpiredTokenAfterTheClockSkew() throws Exception {
        String token = sign(accessClaims(), "k1", REALM_KEY);
        clock.advance(Duration.ofSeconds(300).plus(TokenVerifier.CLOCK_SKEW));
        verifier.verifyAccessToken(token);
        clock.advance(Duration.ofSeconds(1));
        refused(token, "token expired");
    }

    @Test
    void idTokenMustBeForTheAppAndCarryTheLoginsNonce() throws Exception {
        ObjectNode id = accessClaims().put("typ", "ID").put("aud", DemoApp.CLIENT_ID).put("nonce", "n-1");
        assertEquals("n-1", verifier.verifyIdToken(sign(id, "k1", REALM_KEY), "n-1").path("nonce").asText());
        assertThrows(InvalidTokenException.class, () -> verifier.verifyIdToken(sign(id, "k1", REALM_KEY), "n-2"));
        ObjectNode forOtherApp = id.deepCopy().put("aud", "other-app");
        assertThrows(InvalidTokenException.class, () -> verifier.verifyIdToken(sign(forOtherApp, "k1", REALM_KEY), "n-1"));
    }

    @Test
    void unknownKeyIdsRefetchTheKeysAtMostOncePerInterval() {
        refused(sign(accessClaims(), "k9", REALM_KEY), "unknown signing key");
        refused(sign(accessClaims(), "k8", REALM_KEY), "unknown signing key");
        assertEquals(1, jwksFetches.get());
        clock.advance(Jwks.REFETCH_INTERVAL.plusSeconds(1));
        refused(sign(accessClaims(), "k7", REALM_KEY), "unknown signing key");
        assertEquals(2, jwksFetches.get());
    }

    private void refused(String token, String reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verifyAccessToken(token));
        assertEquals(reason, e.getMessage());
    }

    private ObjectNode accessClaims() {
        long now = clock.instant().getEpochSecond();
        return JSON.createObjectNode().put("iss", ISSUER).put("typ", "Bearer").put("azp", DemoApp.CLIENT_ID)
                .put("aud", "account").put("sub", "f3a1").put("email", "alice@example.com")
                .put("iat", now).put("exp", now + 300);
    }

    private static String sign(ObjectNode claims, String kid, KeyPair key) {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + b64(claims.toString());
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode jwks(String kid, RSAPublicKey key) {
        ObjectNode jwk = JSON.createObjectNode().put("kid", kid).put("kty", "RSA").put("alg", "RS256").put("use", "sig")
                .put("n", unsigned(key.getModulus().toByteArray())).put("e", unsigned(key.getPublicExponent().toByteArray()));
        ObjectNode jwks = JSON.createObjectNode();
        jwks.putArray("keys").add(jwk);
        return jwks;
    }

    private static String unsigned(byte[] twosComplement) {
        int skip = twosComplement.length > 1 && twosComplement[0] == 0 ? 1 : 0;
        byte[] magnitude = java.util.Arrays.copyOfRange(twosComplement, skip, twosComplement.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(magnitude);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

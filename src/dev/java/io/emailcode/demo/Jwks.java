package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The realm's RSA signing keys from its JWKS, cached by key id. An unknown key id (Keycloak rotated its
 * keys) refetches the set, at most once per {@link #REFETCH_INTERVAL}, so forged key ids cannot flood Keycloak.
 */
final class Jwks {

    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<JsonNode> fetchJwks;
    private final Clock clock;
    private Map<String, RSAPublicKey> keys = Map.of();
    private Instant fetchedAt = Instant.MIN;

    /** @param fetchJwks reads the realm's JWKS document, e.g. from its {@code jwks_uri} */
    Jwks(Supplier<JsonNode> fetchJwks, Clock clock) {
        this.fetchJwks = fetchJwks;
        this.clock = clock;
    }

    static Jwks at(URI jwksUri, JsonHttp http, Clock clock) {
        return new Jwks(() -> http.get(jwksUri), clock);
    }

    synchronized Optional<RSAPublicKey> key(String kid) {
        if (!keys.containsKey(kid) && fetchedAt.plus(REFETCH_INTERVAL).isBefore(clock.instant())) {
            fetchedAt = clock.instant(); // also after a failed fetch: an unreachable Keycloak is not asked on every request
            keys = fetch();
        }
        return Optional.ofNullable(keys.get(kid));
    }

    private Map<String, RSAPublicKey> fetch() {
        Map<String, RSAPublicKey> fetched = new HashMap<>();
        for (JsonNode jwk : fetchJwks.get().path("keys")) {
            boolean rsaSigningKey = "RSA".equals(jwk.path("kty").asText())
                    && "sig".equals(jwk.path("use").asText("sig")) && jwk.hasNonNull("kid");
            if (rsaSigningKey) {
                fetched.put(jwk.get("kid").asText(), rsaKey(jwk));
            }
        }
        return Map.copyOf(fetched);
    }

    private static RSAPublicKey rsaKey(JsonNode jwk) {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        BigInteger modulus = new BigInteger(1, decoder.decode(jwk.path("n").asText()));
        BigInteger exponent = new BigInteger(1, decoder.decode(jwk.path("e").asText()));
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unusable RSA key " + jwk.path("kid").asText() + " in the JWKS", e);
        }
    }
}

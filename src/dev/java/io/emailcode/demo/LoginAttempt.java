package io.emailcode.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What the app remembers between sending the browser to Keycloak and the callback: the state it must get
 * back, the nonce the ID token must carry, and the PKCE verifier whose S256 challenge went out.
 */
record LoginAttempt(String state, String nonce, String verifier) {

    static LoginAttempt create() {
        return new LoginAttempt(RandomTokens.next(), RandomTokens.next(), RandomTokens.next());
    }

    String challenge() {
        return s256(verifier);
    }

    /** The PKCE S256 challenge of a verifier. */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison with the state the callback received. */
    boolean matchesState(String received) {
        return received != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                received.getBytes(StandardCharsets.UTF_8));
    }
}

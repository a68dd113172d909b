package io.emailcode.demo;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable URL-safe values: session ids, OIDC state and nonce, PKCE verifiers, CSRF tokens. */
final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    /** 256 random bits, base64url without padding (43 characters, a valid PKCE verifier). */
    static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

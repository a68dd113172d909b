package io.emailcode.keycloak.benchmark;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as Keycloak's OTP Form checks them by default (RFC 6238: HMAC-SHA1, 6 digits, 30 s
 * steps), for the benchmark's people who sign in with Keycloak's own second page. Keycloak keys the HMAC with the
 * credential's stored secret as UTF-8 bytes.
 */
final class Totp {

    private static final long STEP_SECONDS = 30;
    private static final int DIGITS = 6;

    private Totp() {
    }

    /** The code for the time step that holds {@code epochSeconds}. */
    static String code(byte[] secret, long epochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(epochSeconds / STEP_SECONDS).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

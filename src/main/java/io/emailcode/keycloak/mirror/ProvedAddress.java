package io.emailcode.keycloak.mirror;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The address a code proved, as a change queued right after the proof carries it: a SHA-256 digest of the user and the
 * normalised address, so the queue holds no address, yet the change can tell whether the account still has the
 * address the person proved when it is applied.
 */
public final class ProvedAddress {

    private ProvedAddress() {
    }

    public static String fingerprint(String realmId, String userId, String address) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((realmId + "\n" + userId + "\n" + address.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Whether {@code address} is the one behind {@code fingerprint}. */
    public static boolean matches(String fingerprint, String realmId, String userId, String address) {
        return MessageDigest.isEqual(fingerprint.getBytes(StandardCharsets.US_ASCII),
                fingerprint(realmId, userId, address).getBytes(StandardCharsets.US_ASCII));
    }
}

package io.emailcode.keycloak.code;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256) of codes and addresses. The key is a server secret shared by the cluster,
 * so a copy of the table alone cannot be used to test guesses offline. Code hashes are salted by the
 * slot and the login binding: the same code for another address or another login hashes differently.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public CodeHasher(SecretKey secret) {
        this.key = new SecretKeySpec(secret.getEncoded(), ALGORITHM);
    }

    public String codeHash(CodeSlot slot, String binding, String code) {
        return hmac("code", slot.key(), binding, code);
    }

    /** Identifies an address without storing it: the store's key holds this, never the email. */
    public String addressKey(String normalisedAddress) {
        return hmac("address", normalisedAddress);
    }

    private String hmac(String... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // A separator that cannot occur in any part keeps ("ab","c") and ("a","bc") apart.
            mac.update(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

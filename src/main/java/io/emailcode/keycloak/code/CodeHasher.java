package io.emailcode.keycloak.code;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256), so a copy of the table alone reveals neither addresses nor codes and cannot be used
 * to test guesses offline. Addresses, client addresses and browser tokens are keyed by the realm's stable address
 * secret (a change would orphan every count); codes by a rotating {@link CodeKey}, salted by the slot and the login.
 * Every hash starts with a label, so a value of one kind can never stand in for another.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec addressSecret;

    public CodeHasher(SecretKey addressSecret) {
        this.addressSecret = new SecretKeySpec(addressSecret.getEncoded(), ALGORITHM);
    }

    /** Identifies an address without storing it: the store's key holds this, never the email. */
    public String addressKey(String normalisedAddress) {
        return hmac(addressSecret, "address", normalisedAddress);
    }

    /** Identifies a client network (see {@link ClientNetwork}) for its send budget. */
    public String networkKey(String network) {
        return hmac(addressSecret, "network", network);
    }

    /** Identifies a mailbox ({@link EmailAddresses#budgetMailbox}) for its send budget; never an account. */
    public String mailboxKey(String mailbox) {
        return hmac(addressSecret, "mailbox", mailbox);
    }

    /** The key of the mailbox behind a normalised address, for its send budget. */
    public String mailboxKeyOf(String normalisedAddress) {
        return mailboxKey(EmailAddresses.budgetMailbox(normalisedAddress));
    }

    /**
     * Identifies an account in a realm without naming it, for the known-browser cookies issued to it and their
     * revocation; a user id reveals nothing by itself, but a key cannot be set by anyone without the secret.
     */
    public String accountKey(String realmId, String userId) {
        return hmac(addressSecret, "account", realmId, userId);
    }

    /** The signature of a "signed in here before" browser token, bound to its address and account. */
    public String browserSignature(String realmId, String addressKey, String accountKey, long issuedAt) {
        return hmac(addressSecret, "known-browser", realmId, addressKey, accountKey, Long.toString(issuedAt));
    }

    public String codeHash(CodeKey key, CodeSlot slot, String binding, String code) {
        return hmac(new SecretKeySpec(key.secret().getEncoded(), ALGORITHM), "code", slot.key(), binding, code);
    }

    private static String hmac(SecretKeySpec key, String... parts) {
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

package io.emailcode.keycloak.code;

import java.util.Objects;

/**
 * A browser that signed in with an address before, as its "signed in here before" cookie says: when the cookie was
 * issued and, keyed, the account it was issued for. Its lane holds only while neither the address's nor the
 * account's known browsers were revoked since.
 *
 * @param issuedAt   when the cookie was issued, epoch milliseconds
 * @param accountKey the account the cookie was issued for ({@link CodeHasher#accountKey}), never its id
 */
public record KnownBrowser(long issuedAt, String accountKey) {

    public KnownBrowser {
        Objects.requireNonNull(accountKey, "accountKey");
    }

    /**
     * Whether the cookie no longer speaks for the account a right code just proved: it was issued for another
     * account (the address moved), or before the account was signed out everywhere.
     *
     * @param accountKey            the proved account's key
     * @param accountNotBeforeMillis the account's own "nothing issued before this counts", epoch milliseconds
     */
    public boolean staleFor(String accountKey, long accountNotBeforeMillis) {
        return !this.accountKey.equals(accountKey) || issuedAt < accountNotBeforeMillis;
    }
}

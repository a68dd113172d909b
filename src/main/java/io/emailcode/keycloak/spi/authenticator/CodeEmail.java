package io.emailcode.keycloak.spi.authenticator;

import java.util.Objects;
import java.util.Optional;

/**
 * A code email waiting to be rendered and sent, off the request thread. It lives only in memory; {@link #toString()}
 * shows neither the code nor the address.
 *
 * @param userId  the signed-in account it is for (a second factor); empty for a typed address
 * @param locale  the language tag to write it in: the account's, or the login's
 * @param typed   for a typed address: what the mailer looks up before it sends, so the email goes out only to an
 *                address entitled to codes (an enabled, unlocked account, one to register, or exactly one enabled
 *                pool user's for import on proof)
 */
record CodeEmail(String realmId, Optional<String> userId, String address, String locale, String code, long validityMinutes,
                 String maskedAddress, Optional<TypedAddress> typed) {

    CodeEmail {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(maskedAddress, "maskedAddress");
        Objects.requireNonNull(typed, "typed");
    }

    @Override
    public String toString() {
        return "CodeEmail[to=" + maskedAddress + ", code=<redacted>]";
    }
}

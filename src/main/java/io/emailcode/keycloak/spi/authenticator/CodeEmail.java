package io.emailcode.keycloak.spi.authenticator;

import java.util.Objects;
import java.util.Optional;

/**
 * A code email waiting to be rendered and sent, off the request thread. It lives only in memory; {@link #toString()}
 * shows neither the code nor the address.
 *
 * @param userId  the account it is for; empty for an address being registered
 * @param locale  the language tag to write it in: the account's, or the login's
 * @param poolCheck for an address only the pool may have (import on proof): the address's keyed hash; the email goes
 *                  out only if exactly one enabled pool user has the address
 */
record CodeEmail(String realmId, Optional<String> userId, String address, String locale, String code, long validityMinutes,
                 String maskedAddress, Optional<String> poolCheck) {

    CodeEmail {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(maskedAddress, "maskedAddress");
        Objects.requireNonNull(poolCheck, "poolCheck");
    }

    @Override
    public String toString() {
        return "CodeEmail[to=" + maskedAddress + ", code=<redacted>]";
    }
}

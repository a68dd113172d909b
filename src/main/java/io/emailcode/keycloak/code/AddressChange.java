package io.emailcode.keycloak.code;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An account's address changed: the known browsers of both addresses lose their lane. Cookies of the previous
 * address were issued to this account, which no longer has it; cookies of the new address were issued to whoever
 * had it before.
 *
 * @param previous the address before the change, as Keycloak reported it
 * @param updated  the address after it
 */
public record AddressChange(Optional<String> previous, Optional<String> updated) {

    public AddressChange {
        previous = previous.flatMap(EmailAddresses::normalise);
        updated = updated.flatMap(EmailAddresses::normalise);
    }

    /** The normalised addresses whose known browsers are revoked: none when the address did not change. */
    public Set<String> revoked() {
        Set<String> revoked = new LinkedHashSet<>();
        if (!previous.equals(updated)) {
            previous.ifPresent(revoked::add);
            updated.ifPresent(revoked::add);
        }
        return revoked;
    }
}

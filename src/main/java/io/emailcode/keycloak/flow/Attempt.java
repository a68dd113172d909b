package io.emailcode.keycloak.flow;

import io.emailcode.keycloak.code.EmailAddresses;
import java.util.Objects;

/**
 * One person at the step, as the decisions need them: the address a code is for, whether it belongs to an
 * account (and whether Keycloak has locked that account), and the login the code is bound to.
 *
 * @param realmId  the realm, which keys every limit
 * @param address  the normalised address
 * @param standing what the address is to Keycloak
 * @param binding  hash of the login (authentication session and tab) a code is bound to
 */
public record Attempt(String realmId, String address, Standing standing, String binding) {

    /** What an address is to Keycloak. From the outside every standing must look like {@link #UNKNOWN}. */
    public enum Standing {
        /** An enabled account has the address. */
        KNOWN,
        /** No account (or only a disabled one) has the address. */
        UNKNOWN,
        /** An account has the address, and Keycloak's brute-force detector has locked it. */
        LOCKED
    }

    public Attempt {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(binding, "binding");
    }

    /** For logs and events: {@code a***@example.com}. */
    public String masked() {
        return EmailAddresses.mask(address);
    }
}

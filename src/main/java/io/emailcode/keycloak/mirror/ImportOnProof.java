package io.emailcode.keycloak.mirror;

import java.time.Duration;
import java.util.Objects;

/**
 * Signing in people who exist only in the pool: an address without a Keycloak account that exactly one enabled pool
 * user has gets a code, and the right code creates the Keycloak user from that pool user, linked to it.
 *
 * @param enabled        off unless an administrator turned it on
 * @param absenceCache   how long this node remembers that an address has no importable pool user; zero: not at all
 */
public record ImportOnProof(boolean enabled, Duration absenceCache) {

    public static final ImportOnProof OFF = new ImportOnProof(false, Duration.ZERO);

    public ImportOnProof {
        Objects.requireNonNull(absenceCache, "absenceCache");
    }
}

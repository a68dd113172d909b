package io.emailcode.keycloak.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * What the engine needs to know of an account to decide for it, as the directory (Keycloak) found it.
 *
 * @param id              the account's id, which the engine only hands back
 * @param enabled         the account may sign in at all
 * @param lockout         the brute-force detector's event error when it refuses the account (read only where a lockout
 *                        holds; empty otherwise)
 * @param addressVerified the account verified its address before
 */
public record AccountFacts(String id, boolean enabled, Optional<String> lockout, boolean addressVerified) {

    public AccountFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lockout, "lockout");
    }
}

package io.emailcode.keycloak.mirror;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one realm mirrors its users. Off unless an administrator chose otherwise: users are copied to another
 * system only by choice.
 *
 * @param mode       off, best effort (never in the way of a sign-in) or required (sign-in waits for the pool)
 * @param username   what becomes the pool username of a new pool user
 * @param attributes optional attributes mirrored besides the address
 * @param importOnProof whether people who exist only in the pool can sign in, and become Keycloak users
 * @param repair     the periodic full reconciliation
 * @param pool       the realm's user pool; present whenever the mode is not off
 */
public record MirrorSettings(Mode mode, UsernameStrategy username, Set<String> attributes, ImportOnProof importOnProof,
                             RepairSchedule repair, Optional<PoolAddress> pool) {

    /** The only optional attributes offered: the ones a Keycloak user has and every pool accepts. */
    public static final List<String> OPTIONAL_ATTRIBUTES = List.of("given_name", "family_name");

    public enum Mode { OFF, BEST_EFFORT, REQUIRED }

    public enum UsernameStrategy { EMAIL, USER_ID }

    public MirrorSettings {
        attributes = Set.copyOf(attributes);
        Objects.requireNonNull(importOnProof, "importOnProof");
        Objects.requireNonNull(repair, "repair");
        Objects.requireNonNull(pool, "pool");
        if (mode != Mode.OFF && pool.isEmpty()) {
            throw new IllegalArgumentException("a realm that mirrors needs a user pool");
        }
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    /** Whether an address without an account is looked up in the pool (only in a realm that mirrors). */
    public boolean importsOnProof() {
        return enabled() && importOnProof.enabled();
    }

    /** Whether the drift repair runs on its schedule (only in a realm that mirrors). */
    public boolean repairs() {
        return enabled() && repair.enabled();
    }

    public String usernameFor(String userId, String email) {
        return username == UsernameStrategy.USER_ID ? userId : email;
    }
}

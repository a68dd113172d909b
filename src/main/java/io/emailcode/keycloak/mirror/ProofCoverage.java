package io.emailcode.keycloak.mirror;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a code proof for an address covers an existing pool user, so that it may be adopted (linked to the Keycloak
 * account) or imported: only a pool user whose own {@code email} is the proved address, verified by the pool, and
 * confirmed. A pool user signed up with someone else's address (unverified, or never confirmed) or one whose username
 * is the address but whose email is another is not the prover's, whatever its username says.
 */
public enum ProofCoverage {
    COVERED,
    /** Its email is another address (found by its username, which never changes). */
    OTHER_ADDRESS,
    /** The pool never verified its email: whoever created it may not own the address. */
    UNVERIFIED,
    /** Signed up and never confirmed (or reset, or in another state a proof does not settle). */
    UNCONFIRMED;

    /** What {@code AdminCreateUser} leaves (this product's own pool users) and what a finished sign-up leaves. */
    private static final Set<String> CONFIRMED_STATUSES = Set.of("CONFIRMED", "FORCE_CHANGE_PASSWORD");

    /** @param provedAddress the normalised address the person just proved with a code */
    public static ProofCoverage of(PooledUser user, String provedAddress) {
        if (!user.email().toLowerCase(Locale.ROOT).equals(provedAddress.toLowerCase(Locale.ROOT))) {
            return OTHER_ADDRESS;
        }
        if (!user.emailVerified()) {
            return UNVERIFIED;
        }
        return CONFIRMED_STATUSES.contains(user.status()) ? COVERED : UNCONFIRMED;
    }

    public boolean covered() {
        return this == COVERED;
    }

    /** For logs, metrics and events. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

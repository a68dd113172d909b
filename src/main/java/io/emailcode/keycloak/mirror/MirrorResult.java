package io.emailcode.keycloak.mirror;

import java.util.Objects;

/**
 * The pool's {@code sub} of a synchronised user (empty for a {@link MirrorChange#CONFLICT}) and what the call changed.
 *
 * @param conflict for a conflict, why the pool users with the address may not be linked (for logs, metrics and the
 *                 administrator's event); empty otherwise
 */
public record MirrorResult(String sub, MirrorChange change, String conflict) {

    public MirrorResult {
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(conflict, "conflict");
    }

    public MirrorResult(String sub, MirrorChange change) {
        this(sub, change, "");
    }

    /** @param why a short label: {@code several}, {@code no_proof}, or a {@link ProofCoverage#label()} */
    public static MirrorResult conflict(String why) {
        return new MirrorResult("", MirrorChange.CONFLICT, why);
    }

    public boolean linked() {
        return !sub.isEmpty();
    }
}

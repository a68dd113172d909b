package io.emailcode.keycloak.mirror;

import java.util.Objects;

/** The pool's {@code sub} of a synchronised user (empty for a {@link MirrorChange#CONFLICT}) and what the call changed. */
public record MirrorResult(String sub, MirrorChange change) {

    public MirrorResult {
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(change, "change");
    }

    public static MirrorResult conflict() {
        return new MirrorResult("", MirrorChange.CONFLICT);
    }

    public boolean linked() {
        return !sub.isEmpty();
    }
}

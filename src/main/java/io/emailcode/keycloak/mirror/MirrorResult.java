package io.emailcode.keycloak.mirror;

import java.util.Objects;

/** The pool's {@code sub} of a synchronised user and what the call changed. */
public record MirrorResult(String sub, MirrorChange change) {

    public MirrorResult {
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(change, "change");
    }
}

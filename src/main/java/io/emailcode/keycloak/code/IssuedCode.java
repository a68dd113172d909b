package io.emailcode.keycloak.code;

import java.time.Duration;
import java.util.Objects;

/** A freshly generated code as the store sees it: its keyed hash, the login it is bound to, and how long it is valid. */
public record IssuedCode(String codeHash, String binding, Duration validity) {

    public IssuedCode {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(validity, "validity");
    }
}

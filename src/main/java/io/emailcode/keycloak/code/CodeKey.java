package io.emailcode.keycloak.code;

import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * A secret that hashes codes, with the id under which it is kept. Keys rotate: a code is checked with the key that
 * hashed it (its id travels with the login), so a rotation never breaks a code in flight.
 */
public record CodeKey(String id, SecretKey secret) {

    public CodeKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "CodeKey[" + id + "]";
    }
}

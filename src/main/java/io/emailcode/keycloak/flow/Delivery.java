package io.emailcode.keycloak.flow;

import java.util.Objects;

/**
 * A code to email. It exists only in memory on its way to the mailer; {@link #toString()} never shows it.
 *
 * @param code     the plain code, for the email only
 * @param codeHash its keyed hash, to take the code back if the email cannot be sent
 */
public record Delivery(String code, String codeHash) {

    public Delivery {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(codeHash, "codeHash");
    }

    @Override
    public String toString() {
        return "Delivery[code=<redacted>]";
    }
}

package io.emailcode.keycloak.flow;

import java.util.Objects;

/** A code to email. It exists only in memory on its way to the mailer; {@link #toString()} never shows it. */
public record Delivery(String code) {

    public Delivery {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return "Delivery[code=<redacted>]";
    }
}

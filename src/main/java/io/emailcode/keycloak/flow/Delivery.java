package io.emailcode.keycloak.flow;

import java.util.Objects;

/**
 * A code to email. It exists only in memory on its way to the mailer; {@link #toString()} never shows it.
 *
 * @param onlyForPoolUser send it only if exactly one enabled pool user has the address (checked off the request
 *                        thread, so the request does the same work for every address)
 */
public record Delivery(String code, boolean onlyForPoolUser) {

    public Delivery {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return "Delivery[code=<redacted>]";
    }
}

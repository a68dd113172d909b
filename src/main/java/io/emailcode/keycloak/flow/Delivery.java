package io.emailcode.keycloak.flow;

import java.util.Objects;

/**
 * A code to email. It exists only in memory on its way to the mailer; {@link #toString()} never shows it.
 *
 * @param recipientUnresolved who has the address is looked up by the mailer, off the request thread, which sends it
 *                            only to an address entitled to codes (so the request does the same work for every
 *                            address)
 */
public record Delivery(String code, boolean recipientUnresolved) {

    public Delivery {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return "Delivery[code=<redacted>]";
    }
}

package io.emailcode.keycloak.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * A code to deliver. It exists only in memory on its way to the channel; {@link #toString()} never shows it.
 *
 * @param channel   how it reaches the person
 * @param recipient for a typed address: its recipient, decided off the request thread, where the code goes only to
 *                  an address entitled to codes (so the request does the same work for every address); empty when
 *                  the code is for the account a previous step signed in
 */
public record Delivery(Channel channel, String code, Optional<UnresolvedRecipient> recipient) {

    public Delivery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(recipient, "recipient");
    }

    @Override
    public String toString() {
        return "Delivery[code=<redacted>]";
    }
}

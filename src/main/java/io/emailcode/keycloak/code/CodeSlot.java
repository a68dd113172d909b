package io.emailcode.keycloak.code;

import java.util.Objects;

/**
 * One address in one realm: the unit that holds at most one live code and one send budget.
 * {@code addressKey} is a keyed hash of the normalised address, so the store never holds an email address.
 */
public record CodeSlot(String realmId, String addressKey) {

    public CodeSlot {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(addressKey, "addressKey");
    }

    /** The store's partition key; realms never collide. */
    public String key() {
        return realmId + "#" + addressKey;
    }
}

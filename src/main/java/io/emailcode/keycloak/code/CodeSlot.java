package io.emailcode.keycloak.code;

import java.util.Objects;

/**
 * One address in one realm and lane: the unit that holds at most one live code, a cooldown, a send budget and a
 * count of consecutive failures. {@code addressKey} is a keyed hash of the normalised address, so the store never
 * holds an email address.
 */
public record CodeSlot(String realmId, String addressKey, Lane lane) {

    public CodeSlot {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(addressKey, "addressKey");
        Objects.requireNonNull(lane, "lane");
    }

    /** The store's partition key; realms and lanes never collide. */
    public String key() {
        return realmId + "#" + addressKey + (lane == Lane.KNOWN_BROWSER ? "#known" : "");
    }
}

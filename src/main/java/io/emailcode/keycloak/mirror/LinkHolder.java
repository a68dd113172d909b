package io.emailcode.keycloak.mirror;

import java.util.Objects;

/** The Keycloak user a pool user is linked to: the realm and the user id, as several realms may share one pool. */
public record LinkHolder(String realmId, String userId) {

    public LinkHolder {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
    }
}

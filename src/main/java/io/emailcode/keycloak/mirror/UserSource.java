package io.emailcode.keycloak.mirror;

import java.util.Optional;

/** Keycloak's side: the current state of a user, and where the pool's sub is kept once known. */
public interface UserSource {

    /** The user as the pool should have it now; empty when the user no longer exists or has no address. */
    Optional<MirroredUser> current(String realmId, String userId);

    /** Stores the pool's sub on the user, so later sign-ins need no pool call. */
    void linkSub(String realmId, String userId, String sub);
}

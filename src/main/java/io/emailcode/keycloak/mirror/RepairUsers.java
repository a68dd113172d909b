package io.emailcode.keycloak.mirror;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keycloak's side of one realm's drift repair. */
public interface RepairUsers {

    /**
     * The realm's users from {@code first}, at most {@code max}, in a stable order; each as the pool should hold it,
     * or empty for a user without an address (which counts for the position all the same).
     */
    List<Optional<MirroredUser>> page(int first, int max);

    /** The users (with an address) linked to these pool subs, by sub. */
    Map<String, MirroredUser> linkedTo(Collection<String> subs);

    /** Stores the pool's sub on the user. */
    void linkSub(String userId, String sub);
}

package io.emailcode.keycloak.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable record of users whose pool copy still has to be brought in line, shared by the whole cluster. */
public interface MirrorQueue {

    /**
     * Records the change, replacing any pending one for the same user. A sync never replaces a pending delete:
     * the user is gone and the delete holds the only trace of its pool username.
     */
    void put(PendingMirror item);

    /** Items due at {@code now} (or all of one realm, due or not, for a full reconciliation), at most {@code limit}. */
    List<PendingMirror> due(Instant now, Optional<String> realmId, int limit);

    /** Removes the item unless a newer change replaced it meanwhile. */
    void done(PendingMirror item);

    /** Stores the next attempt unless a newer change replaced the item meanwhile. */
    void retryLater(PendingMirror item, String lastError);

    /** Number of pending items, for the operator's gauge. */
    long size();
}

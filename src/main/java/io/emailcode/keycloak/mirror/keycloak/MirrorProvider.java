package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.mirror.MirrorReconciler;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PendingMirror;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/** The mirror as the flow step, the event listener and the admin endpoint use it. */
public interface MirrorProvider extends Provider {

    /** False when the server has no user pool configured: nothing is mirrored, whatever the realms say. */
    boolean available();

    /** Mirrors the change once the session's transaction has committed, off the request thread. */
    void mirrorAfterCommit(KeycloakSession session, PendingMirror change);

    /** Mirrors now, on the caller's thread (the "required" mode); throws {@code MirrorException}. */
    MirrorResult syncNow(MirroredUser user);

    MirrorReconciler reconciler();

    @Override
    default void close() {
    }
}

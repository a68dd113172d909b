package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorReconciler;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PendingMirror;
import org.keycloak.models.KeycloakSession;

/** The mirror of a server without a user pool: nothing happens. */
final class NoMirror implements MirrorProvider {

    static final NoMirror INSTANCE = new NoMirror();

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public void mirrorAfterCommit(KeycloakSession session, PendingMirror change) {
    }

    @Override
    public MirrorResult syncNow(MirroredUser user) {
        throw new MirrorException("No Cognito user pool is configured on this server", false, null);
    }

    @Override
    public MirrorReconciler reconciler() {
        throw new IllegalStateException("No Cognito user pool is configured on this server");
    }
}

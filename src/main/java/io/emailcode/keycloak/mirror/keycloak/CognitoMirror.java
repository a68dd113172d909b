package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.mirror.MirrorReconciler;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PendingMirror;
import io.emailcode.keycloak.mirror.UserMirror;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/** The mirror of a server with a user pool: shared by every session, built once by the factory. */
final class CognitoMirror implements MirrorProvider {

    private static final Logger LOG = Logger.getLogger(CognitoMirror.class);

    private final UserMirror mirror;
    private final MirrorReconciler reconciler;
    private final ExecutorService executor;

    CognitoMirror(UserMirror mirror, MirrorReconciler reconciler, ExecutorService executor) {
        this.mirror = mirror;
        this.reconciler = reconciler;
        this.executor = executor;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void mirrorAfterCommit(KeycloakSession session, PendingMirror change) {
        // One mirror per user and request: a sign-in that also registers the user triggers it twice.
        String key = "cognito-mirror:" + change.realmId() + ":" + change.userId() + ":" + change.kind();
        if (session.getAttribute(key) != null) {
            return;
        }
        session.setAttribute(key, Boolean.TRUE);
        session.getTransactionManager().enlistAfterCompletion(new AfterCommit(() -> {
            try {
                executor.execute(() -> reconciler.changeNow(change));
            } catch (RejectedExecutionException e) {
                LOG.warnf("Cognito mirror of user %s skipped: the mirror is saturated or stopping; "
                        + "a full reconciliation of the realm repairs it", change.userId());
            }
        }));
    }

    @Override
    public MirrorResult syncNow(MirroredUser user) {
        return mirror.sync(user);
    }

    @Override
    public MirrorReconciler reconciler() {
        return reconciler;
    }
}

package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.MirrorRetryQueue;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PendingMirror;
import io.emailcode.keycloak.mirror.UserPool;
import io.emailcode.keycloak.mirror.PoolImports;
import io.emailcode.keycloak.mirror.PooledUser;
import io.emailcode.keycloak.mirror.DriftRepair;
import io.emailcode.keycloak.spi.AfterCommit;
import java.time.Duration;
import java.util.Optional;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/** The mirror of a server that lets realms mirror: shared by every session, built once by the factory. */
final class CognitoMirror implements MirrorProvider {

    private static final Logger LOG = Logger.getLogger(CognitoMirror.class);

    /** Each realm's pool as it is. */
    private final Function<String, UserPool> pools;
    /** Each realm's pool as the realm may change it: only through the links the product made. */
    private final Function<String, UserPool> linked;
    private final MirrorRetryQueue retryQueue;
    private final Function<String, PoolImports> imports;
    private final DriftRepair repair;
    private final ExecutorService executor;
    private final Clock clock;

    CognitoMirror(Function<String, UserPool> pools, Function<String, UserPool> linked, MirrorRetryQueue retryQueue,
                  Function<String, PoolImports> imports, DriftRepair repair, ExecutorService executor, Clock clock) {
        this.pools = pools;
        this.linked = linked;
        this.retryQueue = retryQueue;
        this.imports = imports;
        this.repair = repair;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void syncAfterCommit(KeycloakSession session, String realmId, String userId) {
        afterCommit(session, PendingMirror.sync(realmId, userId, clock.instant(), UUID.randomUUID().toString()));
    }

    @Override
    public void syncAfterProof(KeycloakSession session, String realmId, String userId, String provedAddress) {
        afterCommit(session, PendingMirror.afterProof(realmId, userId, clock.instant(), UUID.randomUUID().toString(),
                provedAddress));
    }

    @Override
    public void deleteAfterCommit(KeycloakSession session, String realmId, DeletedUser user) {
        afterCommit(session, PendingMirror.delete(realmId, user, clock.instant(), UUID.randomUUID().toString()));
    }

    /**
     * One mirror per user and request: a sign-in that also registers the user asks twice (its REGISTER event, then
     * the sign-in itself). The code proved the address for both, so the change may adopt when either may.
     */
    private void afterCommit(KeycloakSession session, PendingMirror change) {
        String key = "cognito-mirror:" + change.realmId() + ":" + change.userId() + ":" + change.kind();
        if (session.getAttribute(key) != null) {
            if (change.adoption() == Adoption.ON_PROOF) {
                session.setAttribute(key, change);
            }
            return;
        }
        session.setAttribute(key, change);
        // The request's last word: read once its transaction committed.
        session.getTransactionManager().enlistAfterCompletion(new AfterCommit(() -> {
            PendingMirror requested = session.getAttribute(key, PendingMirror.class);
            try {
                executor.execute(() -> retryQueue.changeNow(requested));
            } catch (RejectedExecutionException e) {
                LOG.warnf("Cognito mirror of user %s skipped: the mirror is saturated or stopping; "
                        + "a full reconciliation of the realm repairs it", change.userId());
            }
        }));
    }

    @Override
    public MirrorResult syncNow(String realmId, MirroredUser user, Adoption adoption) {
        return linked.apply(realmId).sync(user, adoption);
    }

    @Override
    public MirrorRetryQueue retryQueue() {
        return retryQueue;
    }

    @Override
    public Optional<PooledUser> importable(String realmId, String cacheKey, String email, Duration absenceCache) {
        return imports.apply(realmId).importable(realmId, cacheKey, email, absenceCache);
    }

    @Override
    public void startClean(String realmId, PooledUser imported) {
        pools.apply(realmId).startClean(imported);
    }

    @Override
    public DriftRepair driftRepair() {
        return repair;
    }
}

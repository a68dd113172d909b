package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.DriftRepair;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorRetryQueue;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PooledUser;
import java.time.Duration;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/** The mirror of a server without a user pool: nothing happens. */
final class NoMirror implements MirrorProvider {

    static final NoMirror INSTANCE = new NoMirror();

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public void syncAfterCommit(KeycloakSession session, String realmId, String userId) {
    }

    @Override
    public void syncAfterProof(KeycloakSession session, String realmId, String userId, String provedAddress) {
    }

    @Override
    public void deleteAfterCommit(KeycloakSession session, String realmId, DeletedUser user) {
    }

    @Override
    public MirrorResult syncNow(String realmId, MirroredUser user, Adoption adoption) {
        throw new MirrorException("No Cognito user pool is configured on this server", false, null);
    }

    @Override
    public MirrorRetryQueue retryQueue() {
        throw new IllegalStateException("No Cognito user pool is configured on this server");
    }

    @Override
    public Optional<PooledUser> importable(String realmId, String cacheKey, String email, Duration absenceCache) {
        return Optional.empty();
    }

    @Override
    public void startClean(String realmId, PooledUser imported) {
        throw new MirrorException("No Cognito user pool is configured on this server", false, null);
    }

    @Override
    public DriftRepair driftRepair() {
        throw new IllegalStateException("No Cognito user pool is configured on this server");
    }
}

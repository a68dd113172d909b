package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.DriftRepair;
import io.emailcode.keycloak.mirror.MirrorRetryQueue;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PooledUser;
import java.time.Duration;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/** The mirror as the flow step, the event listener and the admin endpoint use it. */
public interface MirrorProvider extends Provider {

    /** False when the server does not let realms mirror: nothing is mirrored, whatever the realms say. */
    boolean available();

    /**
     * Brings the user's pool copy in line once the session's transaction has committed, off the request thread; an
     * existing pool user with the address is never adopted.
     */
    void syncAfterCommit(KeycloakSession session, String realmId, String userId);

    /**
     * As {@link #syncAfterCommit}, right after the person proved {@code provedAddress} with a code: a pool user the
     * proof covers may be adopted, as long as the account still has that address when the change is applied.
     */
    void syncAfterProof(KeycloakSession session, String realmId, String userId, String provedAddress);

    /** Removes the user from the pool once the session's transaction has committed, off the request thread. */
    void deleteAfterCommit(KeycloakSession session, String realmId, DeletedUser user);

    /** Mirrors now, on the caller's thread (the "required" mode, a full reconciliation); throws {@code MirrorException}. */
    MirrorResult syncNow(String realmId, MirroredUser user, Adoption adoption);

    MirrorRetryQueue retryQueue();

    /**
     * The one enabled pool user an address without a Keycloak account may be imported from, if there is exactly one
     * (import on proof); a negative answer is remembered on this node for {@code absenceCache}.
     *
     * @param cacheKey a keyed hash of the address with the realm, never the address
     * @throws io.emailcode.keycloak.mirror.MirrorException when the pool could not be read
     */
    Optional<PooledUser> importable(String realmId, String cacheKey, String email, Duration absenceCache);

    /**
     * Makes a pool user just imported on proof start clean (its password replaced, its sessions ended).
     *
     * @throws io.emailcode.keycloak.mirror.MirrorException when the pool could not be reached or refused
     */
    void startClean(String realmId, PooledUser imported);

    /** Full reconciliations, at once or once asked for (the providers' Periodic full sync or Sync all users). */
    DriftRepair driftRepair();

    @Override
    default void close() {
    }
}

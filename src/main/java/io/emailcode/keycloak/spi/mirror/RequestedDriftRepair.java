package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.cluster.ExecutionResult;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A drift repair an administrator asked for (the REST API's "reconcile"), of one realm, at once: the drift repair's
 * whole run (the pool listed page by page and aligned, then the realm's users the pool lacks mirrored, at the realm's
 * calls per second), then what only the queue knows (deletes of users Keycloak no longer has). Idempotent: a second
 * run reports everything unchanged. Never at the same time as a run the background task works (the same cluster lock).
 */
public final class RequestedDriftRepair {

    private static final Logger LOG = Logger.getLogger(RequestedDriftRepair.class);
    private static final int QUEUE_LIMIT = 10_000;
    /** Held at most this long should the node die during the run. */
    private static final int LOCK_SECONDS = 3_600;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final MirrorProvider mirror;

    public RequestedDriftRepair(KeycloakSession session, RealmModel realm, MirrorProvider mirror) {
        this.session = session;
        this.realm = realm;
        this.mirror = mirror;
    }

    /** Why the realm's drift cannot be repaired, if it cannot. */
    public Optional<String> refusal() {
        if (!mirror.available()) {
            return Optional.of("the Cognito mirror is off on this server");
        }
        if (!RealmSettingsStore.readOrDefaults(realm).mirror().enabled()) {
            return Optional.of("mirroring is off in this realm");
        }
        return Optional.empty();
    }

    /**
     * What changed; empty when another drift repair is running on this or another node.
     *
     * @throws io.emailcode.keycloak.mirror.MirrorException when the pool could not be listed
     */
    public Optional<MirrorSummary> run() {
        MirrorSettings settings = RealmSettingsStore.readOrDefaults(realm).mirror();
        ExecutionResult<MirrorSummary> result = session.getProvider(ClusterProvider.class)
                .executeIfNotExecuted(ScheduledRepair.TASK, LOCK_SECONDS, () -> {
                    MirrorSummary summary = mirror.driftRepair().runNow(realm.getId(),
                            new KeycloakRepairUsers(session.getKeycloakSessionFactory(), realm.getId()),
                            settings.repair().callsPerSecond());
                    summary.addAll(mirror.retryQueue().drainRealm(realm.getId(), QUEUE_LIMIT));
                    LOG.infof("Cognito mirror drift repair of realm %s, as requested: %s", realm.getName(), summary);
                    return summary;
                });
        return result.isExecuted() ? Optional.of(result.getResult()) : Optional.empty();
    }
}

package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.DriftRepair;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The drift repair's timer task, scheduled on every node: it hands a slice of work to a thread of its own (so
 * Keycloak's timer thread is never held by Cognito's pace), where Keycloak's cluster lock lets one node at a time
 * work on the mirroring realms' runs for at most {@link #SLICE}. Runs are asked for by the provider's Periodic full sync
 * (Keycloak's timer) or an administrator. A run longer than a slice goes on at the next tick from its saved progress.
 * A finished run is an admin event of its realm. Between runs a realm costs no AWS call: {@link DriftRepair} remembers
 * which realms are idle and reads their progress only once a run is asked for.
 */
final class ScheduledRepair implements Runnable {

    static final String TASK = "cognito-mirror-repair";
    /** The most one node works before releasing the lock; the lock is held at most a few slices should it die. */
    static final Duration SLICE = Duration.ofSeconds(50);
    static final int LOCK_SECONDS = (int) SLICE.multipliedBy(4).toSeconds();
    private static final Logger LOG = Logger.getLogger(ScheduledRepair.class);

    private final KeycloakSessionFactory factory;
    private final DriftRepair repair;
    private final ExecutorService worker;
    private final AtomicBoolean busy = new AtomicBoolean();

    ScheduledRepair(KeycloakSessionFactory factory, DriftRepair repair, ExecutorService worker) {
        this.factory = factory;
        this.repair = repair;
        this.worker = worker;
    }

    @Override
    public void run() {
        if (!busy.compareAndSet(false, true)) {
            return; // the last slice is still working
        }
        try {
            worker.execute(this::slice);
        } catch (RejectedExecutionException e) {
            busy.set(false);
        }
    }

    private void slice() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(TASK, LOCK_SECONDS, () -> {
                        long deadline = System.nanoTime() + SLICE.toNanos();
                        for (String realmId : mirroringRealms(session)) {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                break;
                            }
                            sliceOf(session, realmId, Duration.ofNanos(left));
                        }
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.warnf("Cognito drift repair run failed, trying again at the next tick: %s", e.getMessage());
        } finally {
            busy.set(false);
        }
    }

    private void sliceOf(KeycloakSession session, String realmId, Duration budget) {
        RealmModel realm = session.realms().getRealm(realmId);
        MirrorSettings settings = RealmSettingsStore.readOrDefaults(realm).mirror();
        DriftRepair.Slice slice = repair.slice(realmId, new KeycloakRepairUsers(factory, realmId), settings.repair().callsPerSecond(), budget);
        slice.finished().ifPresent(summary -> {
            session.getContext().setRealm(realm);
            RepairEvents.scheduledRunFinished(session, realm, summary);
        });
    }

    private static List<String> mirroringRealms(KeycloakSession session) {
        return session.realms().getRealmsStream()
                // DriftRepair reads the store of none that is idle and was not asked for
                .filter(realm -> RealmSettingsStore.readOrDefaults(realm).mirror().enabled())
                .map(realm -> realm.getId()).toList();
    }
}

package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorReconciler;
import io.emailcode.keycloak.mirror.MirrorSummary;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The timer task every node schedules; Keycloak's cluster lock lets only one node at a time drain the queue.
 * A failure is logged and the next run tries again: the queue keeps everything that is not done.
 */
final class ScheduledReconcile implements Runnable {

    static final String TASK = "cognito-mirror-reconcile";
    private static final Logger LOG = Logger.getLogger(ScheduledReconcile.class);
    private static final int BATCH = 500;

    private final KeycloakSessionFactory factory;
    private final MirrorReconciler reconciler;
    private final int lockSeconds;

    ScheduledReconcile(KeycloakSessionFactory factory, MirrorReconciler reconciler, Duration interval) {
        this.factory = factory;
        this.reconciler = reconciler;
        // Held at most this long should a node die mid-run; a live node releases it when done.
        this.lockSeconds = (int) Math.max(60, interval.toSeconds() * 4);
    }

    @Override
    public void run() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(TASK, lockSeconds, () -> {
                        MirrorSummary summary = reconciler.drain(BATCH);
                        long pending = reconciler.countPending();
                        if (summary.total() > 0) {
                            LOG.infof("Cognito mirror retries: %s, %d still pending", summary, pending);
                        }
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.warnf("Cognito mirror retry run failed: %s", e.getMessage());
        }
    }
}

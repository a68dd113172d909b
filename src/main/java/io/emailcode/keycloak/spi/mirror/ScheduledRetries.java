package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorRetryQueue;
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
final class ScheduledRetries implements Runnable {

    static final String TASK = "cognito-mirror-retries";
    private static final Logger LOG = Logger.getLogger(ScheduledRetries.class);
    private static final int BATCH = 500;

    private final KeycloakSessionFactory factory;
    private final MirrorRetryQueue retryQueue;
    private final int lockSeconds;

    ScheduledRetries(KeycloakSessionFactory factory, MirrorRetryQueue retryQueue, Duration interval) {
        this.factory = factory;
        this.retryQueue = retryQueue;
        // Held at most this long should a node die mid-run; a live node releases it when done.
        this.lockSeconds = (int) Math.max(60, interval.toSeconds() * 4);
    }

    @Override
    public void run() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                    .executeIfNotExecuted(TASK, lockSeconds, () -> {
                        MirrorSummary summary = retryQueue.drain(BATCH);
                        long pending = retryQueue.countPending();
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

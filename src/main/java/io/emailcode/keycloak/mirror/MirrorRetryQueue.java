package io.emailcode.keycloak.mirror;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Brings the pool in line with Keycloak, one pending user at a time: a fresh change is recorded first and
 * then tried at once; what fails stays recorded and is retried with backoff until the pool agrees.
 * Log lines carry the Keycloak user id and the error code, nothing else about the person.
 */
public final class MirrorRetryQueue {

    private static final Logger LOG = Logger.getLogger(MirrorRetryQueue.class);
    private static final int USER_LOCK_STRIPES = 64;

    private final MirrorQueue queue;
    /** The pool as each realm may change it: only through the links the product made. */
    private final Function<String, ? extends UserMirror> mirrors;
    private final UserSource users;
    private final Backoff backoff;
    private final Clock clock;
    private final MirrorMetrics metrics;
    private final Duration inFlightGrace;
    private final MirrorAlerts alerts;
    private final UserLocks userLocks = new UserLocks(USER_LOCK_STRIPES);

    /**
     * @param inFlightGrace how long a freshly recorded change is left to the node trying it at once, before
     *                      the scheduled drain may pick it up (covers a node that dies mid-call)
     * @param alerts        where conflicts and dropped changes are reported for the administrator
     */
    public MirrorRetryQueue(MirrorQueue queue, Function<String, ? extends UserMirror> mirrors, UserSource users, Backoff backoff, Clock clock,
                            MirrorMetrics metrics, Duration inFlightGrace, MirrorAlerts alerts) {
        this.queue = queue;
        this.mirrors = mirrors;
        this.users = users;
        this.backoff = backoff;
        this.clock = clock;
        this.metrics = metrics;
        this.inFlightGrace = inFlightGrace;
        this.alerts = alerts;
    }

    /**
     * Records the change durably, then tries it; a sign-in's sync is recorded only when it fails (it repeats at the
     * person's next sign-in, so a node that dies mid-call costs that sign-in a retry, not every first sign-in two
     * queue writes). Never throws: what fails is left for {@link #drain}.
     */
    public Optional<MirrorChange> changeNow(PendingMirror change) {
        PendingMirror item = change.dueAt(clock.instant().plus(inFlightGrace));
        boolean recorded = !item.repeatsAtNextSignIn() && record(item);
        try {
            MirrorChange result = apply(item);
            if (recorded) {
                queue.done(item);
            }
            return Optional.of(result);
        } catch (MirrorException e) {
            failed(item, e, recorded);
            return Optional.empty();
        } catch (RuntimeException e) {
            if (recorded) {
                // The queue itself failed after the pool call; the recorded item will be tried again.
                LOG.warnf(e, "Cognito mirror of user %s: could not finish: %s", item.userId(), e.getClass().getSimpleName());
            } else {
                failed(item, couldNotApply(e), false);
            }
            return Optional.empty();
        }
    }

    /** Tries every due item once. */
    public MirrorSummary drain(int limit) {
        return drain(queue.due(clock.instant(), Optional.empty(), limit));
    }

    /** Tries every pending item of one realm once, due or not (a full reconciliation). */
    public MirrorSummary drainRealm(String realmId, int limit) {
        return drain(queue.due(clock.instant(), Optional.of(realmId), limit));
    }

    /** Counts pending items and reports them to the gauge. */
    public long countPending() {
        long pending = queue.size();
        metrics.pending(pending);
        return pending;
    }

    private MirrorSummary drain(List<PendingMirror> items) {
        MirrorSummary summary = new MirrorSummary();
        for (PendingMirror item : items) {
            try {
                MirrorChange change = apply(item);
                queue.done(item);
                summary.record(change);
                if (item.attempts() > 0) {
                    LOG.infof("Cognito mirror of user %s succeeded after %d failed attempts", item.userId(), item.attempts());
                }
            } catch (MirrorException e) {
                failed(item, e, true);
                summary.failed();
            } catch (RuntimeException e) {
                // Keycloak's side or the queue failed; the item stays and is tried again later.
                failed(item, couldNotApply(e), true);
                summary.failed();
            }
        }
        return summary;
    }

    /** One attempt against the pool, without touching the queue; one at a time per user on this node. */
    MirrorChange apply(PendingMirror item) {
        synchronized (userLocks.of(item.realmId(), item.userId())) {
            return applyAlone(item);
        }
    }

    private MirrorChange applyAlone(PendingMirror item) {
        String operation = item.kind().name().toLowerCase();
        MirrorChange change;
        if (item.kind() == PendingMirror.Kind.DELETE) {
            change = mirrors.apply(item.realmId()).delete(item.deletedUser());
        } else {
            // Gone or without an address: a delete (recorded by the delete itself) or nothing is due.
            change = users.current(item.realmId(), item.userId()).map(user -> syncUnlessOutdated(item, user))
                    .orElse(MirrorChange.UNCHANGED);
        }
        metrics.outcome(operation, change.name().toLowerCase());
        return change;
    }

    /** A change made on a code proof is applied only while the account still has the proved address. */
    private MirrorChange syncUnlessOutdated(PendingMirror item, MirroredUser user) {
        Optional<Adoption> adoption = item.adoptionFor(user);
        if (adoption.isEmpty()) {
            LOG.warnf("Cognito mirror of user %s: the address proved with a code is no longer the account's; the change "
                    + "made on that proof is dropped", item.userId());
            alerts.report(item.realmId(), item.userId(), MirrorChange.DROPPED, "proved_address_changed");
            return MirrorChange.DROPPED;
        }
        return sync(item, user, adoption.get());
    }

    private MirrorChange sync(PendingMirror item, MirroredUser user, Adoption adoption) {
        MirrorResult result = mirrors.apply(item.realmId()).sync(user, adoption);
        if (result.linked() && !user.sub().equals(Optional.of(result.sub()))) {
            users.linkSub(item.realmId(), item.userId(), result.sub());
        }
        if (result.change() == MirrorChange.CONFLICT) {
            LOG.warnf("Cognito mirror of user %s: the pool has users with the address that may not be linked (%s); "
                    + "left for an administrator", item.userId(), result.conflict());
            alerts.report(item.realmId(), item.userId(), MirrorChange.CONFLICT, result.conflict());
        }
        return result.change();
    }

    /** Keycloak's side (or the queue) failed: worth another try, named by the exception's class only. */
    private static MirrorException couldNotApply(RuntimeException e) {
        return new MirrorException("could not apply: " + e.getClass().getSimpleName(), true, e);
    }

    private boolean record(PendingMirror item) {
        try {
            queue.put(item);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Cognito mirror of user %s: could not record the change: %s", item.userId(), e.getMessage());
            return false;
        }
    }

    private void failed(PendingMirror item, MirrorException e, boolean recorded) {
        String operation = item.kind().name().toLowerCase();
        PendingMirror next = item.failedAgain(clock.instant().plus(backoff.delay(item.attempts() + 1)));
        try {
            if (recorded) {
                queue.retryLater(next, e.getMessage());
            } else {
                queue.put(next);
            }
            metrics.outcome(operation, e.retryable() ? "queued" : "failed");
            LOG.warnf("Cognito mirror of user %s failed (attempt %d), retrying after %s: %s", item.userId(),
                    next.attempts(), next.nextAttemptAt(), e.getMessage());
        } catch (RuntimeException queueDown) {
            metrics.outcome(operation, "lost");
            LOG.errorf("Cognito mirror of user %s failed and could not be recorded; a full reconciliation of realm %s "
                    + "will repair it: %s", item.userId(), item.realmId(), e.getMessage());
        }
    }
}

package io.emailcode.keycloak.mirror;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Repairs drift between Keycloak and the pool: a full reconciliation ({@link RepairRun}) at most a given number of
 * Cognito calls per second, either at once ({@link #runNow}) or, once asked for ({@link #request}: the provider's
 * Periodic full sync or an administrator's Sync all users), a slice at a time. Such a run keeps its progress in a
 * {@link RepairProgressStore} after every page, so it survives a restart; the node that started it goes on with it,
 * and another node takes it over once the owner has not saved progress for a while. Callers make sure only one node
 * works at a time (Keycloak's cluster lock).
 *
 * <p>Slices come every few seconds for every mirroring realm, so a node keeps in memory which realms are idle, as it
 * last read or wrote them, and reads the store only while a run is in progress, for a realm it has not seen yet, or
 * after a request on this node: an idle realm costs no call between its runs. A request on another node is taken by
 * that node (or by any node that has not seen the realm yet, after a restart).
 */
public final class DriftRepair {

    private static final Logger LOG = Logger.getLogger(DriftRepair.class);

    /** What a slice did. */
    public enum State { NOT_DUE, OTHER_NODE, WORKING, FINISHED, INTERRUPTED }

    /** @param finished what the run changed, once it finished in this slice */
    public record Slice(State state, Optional<MirrorSummary> finished) {
    }

    /** The pool as each realm may change it: only through the links the product made. */
    private final Function<String, UserPool> pools;
    private final RepairProgressStore store;
    private final MirrorMetrics metrics;
    private final Clock clock;
    private final Ticker ticker;
    private final Duration takeoverAfter;
    private final String node = UUID.randomUUID().toString();
    private final Map<String, RepairRun> runs = new ConcurrentHashMap<>();
    /** Realms with no run in progress, as this node last loaded or saved their progress. */
    private final Set<String> idle = ConcurrentHashMap.newKeySet();
    /** Realms whose run was asked for on this node (a period or a press): read at the next slice, whatever is remembered. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    /**
     * @param clock         Keycloak's clock: when runs are due, and the times stored with the progress
     * @param ticker        monotonic time for pacing calls and bounding slices
     * @param takeoverAfter how long a run's owner may go without saving progress before another node takes it over
     */
    public DriftRepair(Function<String, UserPool> pools, RepairProgressStore store, MirrorMetrics metrics, Clock clock,
                       Ticker ticker, Duration takeoverAfter) {
        this.pools = pools;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.ticker = ticker;
        this.takeoverAfter = takeoverAfter;
    }

    /**
     * A whole run now, independent of the schedule (an administrator's full reconciliation).
     *
     * @throws MirrorException when the pool could not be listed
     */
    public MirrorSummary runNow(String realmId, RepairUsers users, int callsPerSecond) {
        RepairRun run = newRun(UUID.randomUUID().toString(), realmId, users, callsPerSecond, RepairProgress.Phase.POOL, 0, Map.of());
        while (run.step(ticker::nanos, Long.MAX_VALUE)) {
            // one page at a time, until the pool and the realm's users have been walked
        }
        return run.summary();
    }

    /**
     * Has the realm's run start at the next slice, unless one is running (the provider's Periodic full sync, or an
     * administrator's Sync all users: the request never waits for the pool, and a run never runs twice at once).
     *
     * @return false when a run is already in progress
     */
    public boolean request(String realmId) {
        Instant now = clock.instant();
        RepairProgress progress = load(realmId).orElseGet(() -> RepairProgress.firstSeen(realmId, now));
        if (progress.running()) {
            return false;
        }
        save(progress.requested(UUID.randomUUID().toString(), now));
        asked.add(realmId); // even if a slice that read the realm idle just now remembers it so
        LOG.infof("Cognito drift repair of realm %s requested", realmId);
        return true;
    }

    /** Starts or continues the realm's requested run, working for at most {@code budget}. */
    public Slice slice(String realmId, RepairUsers users, int callsPerSecond, Duration budget) {
        Instant now = clock.instant();
        if (!asked.remove(realmId) && idle.contains(realmId)) {
            return new Slice(State.NOT_DUE, Optional.empty());
        }
        Optional<RepairProgress> saved = load(realmId);
        if (saved.isEmpty()) {
            save(RepairProgress.firstSeen(realmId, now));
            return new Slice(State.NOT_DUE, Optional.empty());
        }
        RepairProgress progress = saved.get();
        if (!progress.running()) {
            return new Slice(State.NOT_DUE, Optional.empty());
        } else if (progress.owner().isEmpty()) {
            LOG.infof("Cognito drift repair of realm %s started", realmId);
            progress = progress.ownedBy(node, now);
        } else if (!progress.owner().equals(node)) {
            if (now.isBefore(progress.heartbeat().plus(takeoverAfter))) {
                return new Slice(State.OTHER_NODE, Optional.empty());
            }
            LOG.infof("Cognito drift repair of realm %s: taking the run over from a node that stopped (%s pass, %d users "
                    + "done)", realmId, progress.phase(), progress.offset());
            progress = progress.ownedBy(node, now);
        }
        RepairRun run = runs.get(realmId);
        if (run == null || !run.id().equals(progress.runId())) {
            run = newRun(progress.runId(), realmId, users, callsPerSecond, progress.phase(), progress.offset(),
                    progress.counts());
            runs.put(realmId, run);
        }
        save(progress);
        return work(run, progress, budget);
    }

    /** The realm's repair as last saved. */
    public Optional<RepairProgress> progress(String realmId) {
        return load(realmId);
    }

    private Optional<RepairProgress> load(String realmId) {
        Optional<RepairProgress> progress = store.load(realmId);
        progress.ifPresent(this::remember);
        return progress;
    }

    private void save(RepairProgress progress) {
        store.save(progress);
        remember(progress);
    }

    private void remember(RepairProgress progress) {
        if (progress.running()) {
            idle.remove(progress.realmId());
        } else {
            idle.add(progress.realmId());
        }
    }

    private Slice work(RepairRun run, RepairProgress progress, Duration budget) {
        long deadline = ticker.nanos() + budget.toNanos();
        try {
            while (ticker.nanos() - deadline < 0) {
                boolean more = run.step(ticker::nanos, deadline);
                if (!more) {
                    runs.remove(progress.realmId());
                    save(progress.finished(run.summary().asMap(), clock.instant()));
                    LOG.infof("Cognito drift repair of realm %s finished: %s", progress.realmId(), run.summary());
                    return new Slice(State.FINISHED, Optional.of(run.summary()));
                }
                save(progress.at(run.phase(), run.offset(), run.summary().asMap(), clock.instant()));
            }
            return new Slice(State.WORKING, Optional.empty());
        } catch (MirrorException e) {
            LOG.warnf("Cognito drift repair of realm %s paused, it goes on at the next run: %s", progress.realmId(),
                    e.getMessage());
            save(progress.at(run.phase(), run.offset(), run.summary().asMap(), clock.instant()));
            return new Slice(State.INTERRUPTED, Optional.empty());
        }
    }

    private RepairRun newRun(String id, String realmId, RepairUsers users, int callsPerSecond, RepairProgress.Phase phase,
                             int offset, Map<String, Integer> counts) {
        UserPool pool = pools.apply(realmId).paced(CallPace.perSecond(callsPerSecond, ticker));
        return new RepairRun(id, realmId, users, pool, metrics, phase, offset, counts);
    }
}

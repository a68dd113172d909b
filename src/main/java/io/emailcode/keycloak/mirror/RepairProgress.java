package io.emailcode.keycloak.mirror;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where one realm's drift repair stands, kept durably so a run survives a restart and another node can
 * take it over. Holds no address and nothing else about a person.
 *
 * @param phase      idle between runs, or the pass a run is in
 * @param runId      the run in progress (empty when idle)
 * @param owner      the node running it; another node takes over only once {@code heartbeat} is old
 * @param heartbeat  when the owner last saved progress
 * @param offset     in the Keycloak pass: how many of the realm's users are done
 * @param counts     what the run in progress changed so far
 * @param lastFinished when the last run finished (or when the realm was first seen)
 * @param lastCounts what the last finished run changed
 */
public record RepairProgress(String realmId, Phase phase, String runId, String owner, Instant startedAt, Instant heartbeat,
                             int offset, Map<String, Integer> counts, Instant lastFinished, Map<String, Integer> lastCounts) {

    /** A run first lists the whole pool (and aligns what it finds), then walks Keycloak's users. */
    public enum Phase { IDLE, POOL, KEYCLOAK }

    public RepairProgress {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeat, "heartbeat");
        counts = Map.copyOf(counts);
        Objects.requireNonNull(lastFinished, "lastFinished");
        lastCounts = Map.copyOf(lastCounts);
    }

    /** A realm seen for the first time: idle until a run is asked for. */
    public static RepairProgress firstSeen(String realmId, Instant now) {
        return new RepairProgress(realmId, Phase.IDLE, "", "", now, now, 0, Map.of(), now, Map.of());
    }

    public boolean running() {
        return phase != Phase.IDLE;
    }

    /** A run asked for: the next node whose slice comes takes it. */
    RepairProgress requested(String newRunId, Instant now) {
        return new RepairProgress(realmId, Phase.POOL, newRunId, "", now, now, 0, Map.of(), lastFinished, lastCounts);
    }

    RepairProgress ownedBy(String node, Instant now) {
        return new RepairProgress(realmId, phase, runId, node, startedAt, now, offset, counts, lastFinished, lastCounts);
    }

    RepairProgress at(Phase newPhase, int newOffset, Map<String, Integer> newCounts, Instant now) {
        return new RepairProgress(realmId, newPhase, runId, owner, startedAt, now, newOffset, newCounts, lastFinished, lastCounts);
    }

    RepairProgress finished(Map<String, Integer> summary, Instant now) {
        return new RepairProgress(realmId, Phase.IDLE, "", "", startedAt, now, 0, Map.of(), now, summary);
    }
}

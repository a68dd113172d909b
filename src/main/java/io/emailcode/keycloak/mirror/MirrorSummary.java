package io.emailcode.keycloak.mirror;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of what a reconciliation did, in the buckets an administrator reads. Not thread-safe. */
public final class MirrorSummary {

    /** The buckets, in the order they are reported. */
    public static final List<String> BUCKETS = List.of("created", "updated", "disabled", "deleted", "recreated",
            "unchanged", "conflicts", "unlinked", "failed");

    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public MirrorSummary() {
        BUCKETS.forEach(bucket -> counts.put(bucket, 0));
    }

    /** Counts saved earlier (e.g. by a run that continues after a restart); unknown buckets are ignored. */
    public static MirrorSummary of(Map<String, Integer> saved) {
        MirrorSummary summary = new MirrorSummary();
        saved.forEach((bucket, count) -> summary.counts.computeIfPresent(bucket, (b, c) -> count));
        return summary;
    }

    public void record(MirrorChange change) {
        add(switch (change) {
            case CREATED -> "created";
            case RECREATED -> "recreated";
            case ADOPTED, UPDATED, ENABLED -> "updated";
            case DISABLED -> "disabled";
            case DELETED -> "deleted";
            case UNCHANGED, ALREADY_ABSENT, DROPPED -> "unchanged";
            case CONFLICT -> "conflicts";
        });
    }

    /** A pool user that no Keycloak user of the realm is linked to: not ours, left alone. */
    public void unlinked() {
        add("unlinked");
    }

    public void failed() {
        add("failed");
    }

    public void addAll(MirrorSummary other) {
        other.counts.forEach((bucket, count) -> counts.merge(bucket, count, Integer::sum));
    }

    public int failures() {
        return counts.get("failed");
    }

    /** Everything counted except pool users that are not ours. */
    public int total() {
        return counts.entrySet().stream().filter(e -> !e.getKey().equals("unlinked")).mapToInt(Map.Entry::getValue).sum();
    }

    public Map<String, Integer> asMap() {
        return new LinkedHashMap<>(counts);
    }

    private void add(String bucket) {
        counts.merge(bucket, 1, Integer::sum);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}

package io.emailcode.keycloak.mirror;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of what a reconciliation did, in the buckets an administrator reads. Not thread-safe. */
public final class MirrorSummary {

    private int created;
    private int updated;
    private int disabled;
    private int deleted;
    private int unchanged;
    private int conflicts;
    private int failed;

    public void record(MirrorChange change) {
        switch (change) {
            case CREATED -> created++;
            case ADOPTED, UPDATED, ENABLED -> updated++;
            case DISABLED -> disabled++;
            case DELETED -> deleted++;
            case UNCHANGED, ALREADY_ABSENT -> unchanged++;
            case CONFLICT -> conflicts++;
        }
    }

    public void failed() {
        failed++;
    }

    public int failures() {
        return failed;
    }

    public int total() {
        return created + updated + disabled + deleted + unchanged + conflicts + failed;
    }

    public Map<String, Integer> asMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("created", created);
        map.put("updated", updated);
        map.put("disabled", disabled);
        map.put("deleted", deleted);
        map.put("unchanged", unchanged);
        map.put("conflicts", conflicts);
        map.put("failed", failed);
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}

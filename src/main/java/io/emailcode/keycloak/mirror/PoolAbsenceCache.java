package io.emailcode.keycloak.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's memory of addresses that have no pool user to import, so a burst of requests for addresses without
 * an account costs one pool lookup each, not one per request. Bounded: the least recently used entry goes first.
 * Keys are keyed hashes of addresses (never the addresses), each with the realm.
 */
public final class PoolAbsenceCache {

    private final Map<String, Instant> entries;

    public PoolAbsenceCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether the key was found absent less than {@code ttl} before {@code now}. */
    public synchronized boolean absent(String key, Duration ttl, Instant now) {
        Instant seen = entries.get(key);
        if (seen == null) {
            return false;
        }
        if (!seen.plus(ttl).isAfter(now) || seen.isAfter(now)) {
            entries.remove(key);
            return false;
        }
        return true;
    }

    public synchronized void rememberAbsent(String key, Instant now) {
        entries.put(key, now);
    }

    public synchronized int size() {
        return entries.size();
    }
}

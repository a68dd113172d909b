package io.emailcode.keycloak.mirror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The queue's contract in memory, for unit tests; the DynamoDB table is tested against DynamoDB Local. */
final class InMemoryMirrorQueue implements MirrorQueue {

    final Map<String, PendingMirror> items = new LinkedHashMap<>();
    final Map<String, String> lastErrors = new LinkedHashMap<>();
    boolean down;
    int writes;

    @Override
    public synchronized void put(PendingMirror item) {
        check();
        writes++;
        PendingMirror existing = items.get(key(item));
        if (item.kind() == PendingMirror.Kind.SYNC && existing != null && existing.kind() == PendingMirror.Kind.DELETE) {
            return;
        }
        items.put(key(item), item);
    }

    @Override
    public synchronized List<PendingMirror> due(Instant now, Optional<String> realmId, int limit) {
        check();
        return items.values().stream()
                .filter(i -> realmId.map(r -> r.equals(i.realmId())).orElse(!i.nextAttemptAt().isAfter(now)))
                .limit(limit).toList();
    }

    @Override
    public synchronized void done(PendingMirror item) {
        check();
        writes++;
        items.computeIfPresent(key(item), (k, v) -> v.version().equals(item.version()) ? null : v);
    }

    @Override
    public synchronized void retryLater(PendingMirror item, String lastError) {
        check();
        writes++;
        items.computeIfPresent(key(item), (k, v) -> v.version().equals(item.version()) ? item : v);
        lastErrors.put(key(item), lastError);
    }

    @Override
    public synchronized long size() {
        check();
        return items.size();
    }

    List<PendingMirror> all() {
        return new ArrayList<>(items.values());
    }

    private void check() {
        if (down) {
            throw new IllegalStateException("queue table unavailable");
        }
    }

    private static String key(PendingMirror item) {
        return item.realmId() + "#" + item.userId();
    }
}

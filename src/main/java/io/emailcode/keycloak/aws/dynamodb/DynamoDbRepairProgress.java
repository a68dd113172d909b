package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.Attributes.n;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.s;

import io.emailcode.keycloak.mirror.MirrorQueueException;
import io.emailcode.keycloak.mirror.RepairProgress;
import io.emailcode.keycloak.mirror.RepairProgressStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The drift repair's progress, one item per realm ({@code pk} = {@code repair#<realm id>}) in the mirror's queue
 * table: durable, shared by the cluster and already granted, and small (no address, no user). The items have none of
 * the queue's attributes ({@code realm_id}, {@code kind}, {@code next_attempt_at}), so the queue's scans skip them.
 */
final class DynamoDbRepairProgress implements RepairProgressStore {

    static final String KEY_PREFIX = "repair#";
    private static final String REALM = "repair_realm";
    private static final String PHASE = "phase";
    private static final String RUN = "run_id";
    private static final String OWNER = "owner";
    private static final String STARTED = "started_at";
    private static final String HEARTBEAT = "heartbeat_at";
    private static final String OFFSET = "offset";
    private static final String COUNTS = "counts";
    private static final String LAST_FINISHED = "last_finished_at";
    private static final String LAST_COUNTS = "last_counts";

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbCalls calls;

    DynamoDbRepairProgress(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.calls = new DynamoDbCalls(table, MirrorQueueException::new);
    }

    @Override
    public Optional<RepairProgress> load(String realmId) {
        Map<String, AttributeValue> item = calls.call("GetItem", () -> client.getItem(b -> b.tableName(table)
                .key(Map.of(DynamoDbMirrorQueue.PK, s(KEY_PREFIX + realmId))).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RepairProgress(realmId, RepairProgress.Phase.valueOf(item.get(PHASE).s()),
                Attributes.string(item, RUN, ""), Attributes.string(item, OWNER, ""), instant(item, STARTED),
                instant(item, HEARTBEAT), (int) Attributes.number(item, OFFSET, 0), counts(item, COUNTS),
                instant(item, LAST_FINISHED), counts(item, LAST_COUNTS)));
    }

    @Override
    public void save(RepairProgress progress) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoDbMirrorQueue.PK, s(KEY_PREFIX + progress.realmId()));
        item.put(REALM, s(progress.realmId()));
        item.put(PHASE, s(progress.phase().name()));
        item.put(RUN, s(progress.runId()));
        item.put(OWNER, s(progress.owner()));
        item.put(STARTED, n(progress.startedAt().toEpochMilli()));
        item.put(HEARTBEAT, n(progress.heartbeat().toEpochMilli()));
        item.put(OFFSET, n(progress.offset()));
        item.put(COUNTS, map(progress.counts()));
        item.put(LAST_FINISHED, n(progress.lastFinished().toEpochMilli()));
        item.put(LAST_COUNTS, map(progress.lastCounts()));
        calls.run("PutItem", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.ofEpochMilli(Attributes.number(item, name, 0));
    }

    private static AttributeValue map(Map<String, Integer> counts) {
        Map<String, AttributeValue> values = new HashMap<>();
        counts.forEach((bucket, count) -> values.put(bucket, n(count)));
        return AttributeValue.fromM(values);
    }

    private static Map<String, Integer> counts(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        Map<String, Integer> counts = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((bucket, count) -> counts.put(bucket, Integer.parseInt(count.n())));
        }
        return counts;
    }
}

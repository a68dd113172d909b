package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.PendingMirror;
import io.emailcode.keycloak.mirror.MirrorQueue;
import io.emailcode.keycloak.mirror.MirrorQueueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.n;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.s;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The pending mirror changes in their own DynamoDB table, one item per user ({@code pk} = realm id # user id).
 * A table of its own, not the code table: it holds the mirror's unfinished work (an item is deleted once the pool
 * agrees) and its small records (the links to pool users, the drift repair's progress), with its own IAM grant
 * and capacity. Nothing is scanned: a pending change carries the attribute of the sparse {@link #DUE_INDEX},
 * the other records do not, so finding due changes reads the due changes alone, however many users are linked.
 * Writes carry a version so a node finishing an older change never erases a newer one.
 */
final class DynamoDbMirrorQueue implements MirrorQueue {

    static final String PK = "pk";
    private static final String REALM = "realm_id";
    private static final String USER = "user_id";
    private static final String KIND = "kind";
    private static final String SUB = "sub";
    private static final String ATTEMPTS = "attempts";
    private static final String NEXT = "next_attempt_at";
    private static final String VERSION = "version";
    private static final String LAST_ERROR = "last_error";
    private static final String ADOPTION = "adoption";
    /** A digest of the address a code proved, never the address (see {@code ProvedAddress}). */
    private static final String PROVED_ADDRESS = "proved_address";
    /** Carried by pending changes only: it puts them, and nothing else of the table, into {@link #DUE_INDEX}. */
    private static final String QUEUE = "queue";
    private static final String QUEUED = "pending";
    /**
     * The pending changes by due time. One index partition holds them all: it takes about 1,000 writes a second,
     * far more changes than a Keycloak cluster's events make, and a query of it reads the due changes only.
     */
    static final IndexSpec DUE_INDEX = new IndexSpec("due", QUEUE, NEXT);
    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_GET_ROUNDS = 3;

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbCalls calls;

    DynamoDbMirrorQueue(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.calls = new DynamoDbCalls(table, MirrorQueueException::new);
    }

    @Override
    public void put(PendingMirror item) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(PK, s(key(item)));
        values.put(REALM, s(item.realmId()));
        values.put(USER, s(item.userId()));
        values.put(KIND, s(item.kind().name()));
        values.put(QUEUE, s(QUEUED));
        item.sub().ifPresent(sub -> values.put(SUB, s(sub)));
        values.put(ATTEMPTS, n(item.attempts()));
        values.put(NEXT, n(item.nextAttemptAt().toEpochMilli()));
        values.put(VERSION, s(item.version()));
        values.put(ADOPTION, s(item.adoption().name()));
        item.provedAddress().ifPresent(proved -> values.put(PROVED_ADDRESS, s(proved)));
        try {
            calls.run("PutItem", () -> client.putItem(b -> {
                b.tableName(table).item(values);
                if (item.kind() == PendingMirror.Kind.SYNC) {
                    b.conditionExpression("attribute_not_exists(pk) OR #kind <> :delete")
                            .expressionAttributeNames(Map.of("#kind", KIND))
                            .expressionAttributeValues(Map.of(":delete", s(PendingMirror.Kind.DELETE.name())));
                }
            }));
        } catch (ConditionalCheckFailedException e) {
            // A delete is pending for this user: it stays, the sync has nothing left to do.
        }
    }

    /**
     * Reads the keys of the pending changes in the index (due ones only, oldest first, unless all of a realm are
     * asked for), then the changes themselves from the table with a consistent read: the index lags the table
     * slightly, and a change applied from a stale copy could be one a newer change already replaced.
     */
    @Override
    public List<PendingMirror> due(Instant now, Optional<String> realmId, int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = pendingInIndex(realmId.isEmpty() ? Optional.of(now) : Optional.empty())
                    .limit(realmId.isEmpty() ? limit - keys.size() : null);
            realmId.ifPresent(realm -> request.filterExpression("begins_with(#pk, :realm)")
                    .expressionAttributeNames(Map.of("#queue", QUEUE, "#pk", PK))
                    .expressionAttributeValues(Map.of(":queue", s(QUEUED), ":realm", s(realm + "#"))));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = calls.call("Query", () -> client.query(request.build()));
            page.items().stream().limit(limit - keys.size()).map(item -> Map.of(PK, item.get(PK))).forEach(keys::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && keys.size() < limit);
        return read(keys).stream()
                .filter(item -> realmId.map(item.realmId()::equals).orElse(!item.nextAttemptAt().isAfter(now)))
                .sorted(Comparator.comparing(PendingMirror::nextAttemptAt))
                .toList();
    }

    /** A query of the index for pending changes, due at {@code now} if given; only index keys come back. */
    private QueryRequest.Builder pendingInIndex(Optional<Instant> dueAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queue", s(QUEUED)));
        dueAt.ifPresent(now -> values.put(":now", n(now.toEpochMilli())));
        return QueryRequest.builder().tableName(table).indexName(DUE_INDEX.name())
                .keyConditionExpression("#queue = :queue" + (dueAt.isPresent() ? " AND #next <= :now" : ""))
                .expressionAttributeNames(dueAt.isPresent() ? Map.of("#queue", QUEUE, "#next", NEXT) : Map.of("#queue", QUEUE))
                .expressionAttributeValues(values);
    }

    /** The changes under these keys as the table has them now; one gone meanwhile is left out. */
    private List<PendingMirror> read(List<Map<String, AttributeValue>> keys) {
        List<PendingMirror> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> batch = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))).build());
            for (int round = 0; round < BATCH_GET_ROUNDS && !batch.isEmpty(); round++) {
                Map<String, KeysAndAttributes> request = batch;
                BatchGetItemResponse response = calls.call("BatchGetItem", () -> client.batchGetItem(b -> b.requestItems(request)));
                response.responses().getOrDefault(table, List.of()).stream().filter(item -> item.containsKey(KIND))
                        .map(DynamoDbMirrorQueue::item).forEach(items::add);
                // Keys DynamoDB did not get to (throttling) are asked again; any left wait for the next run.
                batch = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    @Override
    public void done(PendingMirror item) {
        try {
            calls.run("DeleteItem", () -> client.deleteItem(b -> b.tableName(table).key(Map.of(PK, s(key(item))))
                    .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":v", s(item.version())))));
        } catch (ConditionalCheckFailedException e) {
            // A newer change replaced it: that one stays pending.
        }
    }

    @Override
    public void retryLater(PendingMirror item, String lastError) {
        try {
            calls.run("UpdateItem", () -> client.updateItem(b -> b.tableName(table).key(Map.of(PK, s(key(item))))
                    .updateExpression("SET #a = :a, #n = :n, #e = :e")
                    .conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#a", ATTEMPTS, "#n", NEXT, "#e", LAST_ERROR, "#v", VERSION))
                    .expressionAttributeValues(Map.of(":a", n(item.attempts()), ":n", n(item.nextAttemptAt().toEpochMilli()),
                            ":e", s(lastError == null ? "" : lastError), ":v", s(item.version())))));
        } catch (ConditionalCheckFailedException e) {
            // Replaced by a newer change (or finished elsewhere): nothing of this attempt needs keeping.
        }
    }

    /** Counts the index's entries: the pending changes and nothing else, whatever else the table holds. */
    @Override
    public long size() {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = pendingInIndex(Optional.empty()).select(Select.COUNT);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = calls.call("Query", () -> client.query(request.build()));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private static PendingMirror item(Map<String, AttributeValue> item) {
        return new PendingMirror(item.get(REALM).s(), item.get(USER).s(), PendingMirror.Kind.valueOf(item.get(KIND).s()),
                Optional.ofNullable(item.get(SUB)).map(AttributeValue::s),
                Integer.parseInt(item.get(ATTEMPTS).n()), Instant.ofEpochMilli(Long.parseLong(item.get(NEXT).n())),
                item.get(VERSION).s(),
                // Items queued by earlier versions carry no adoption, or no proved address: they never adopt.
                Adoption.valueOf(Attributes.string(item, ADOPTION, Adoption.NEVER.name())),
                Optional.ofNullable(item.get(PROVED_ADDRESS)).map(AttributeValue::s));
    }

    private static String key(PendingMirror item) {
        return item.realmId() + "#" + item.userId();
    }
}

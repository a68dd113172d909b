package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.PendingMirror;
import io.emailcode.keycloak.mirror.MirrorQueue;
import io.emailcode.keycloak.mirror.MirrorQueueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.n;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.s;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The pending mirror changes in their own DynamoDB table, one item per user ({@code pk} = realm id # user id).
 * A table of its own, not the code table: it holds only unfinished work (an item is deleted once the pool
 * agrees), so scanning it for due items reads the backlog and nothing else, while the code table, which holds
 * an item per address ever used, is never scanned. It also gets its own IAM grant and capacity.
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

    @Override
    public List<PendingMirror> due(Instant now, Optional<String> realmId, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        String filter;
        if (realmId.isPresent()) {
            filter = REALM + " = :realm";
            values.put(":realm", s(realmId.get()));
        } else {
            filter = NEXT + " <= :now";
            values.put(":now", n(now.toEpochMilli()));
        }
        List<PendingMirror> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression(filter).expressionAttributeValues(values);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = calls.call("Scan", () -> client.scan(request.build()));
            page.items().stream().limit(limit - items.size()).map(DynamoDbMirrorQueue::item).forEach(items::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && items.size() < limit);
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

    @Override
    public long size() {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            // Only changes: the drift repair's progress items, in the same table, have no kind.
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).select(Select.COUNT)
                    .filterExpression("attribute_exists(#kind)").expressionAttributeNames(Map.of("#kind", KIND));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = calls.call("Scan", () -> client.scan(request.build()));
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

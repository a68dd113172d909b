package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.Attributes.s;

import io.emailcode.keycloak.mirror.LinkHolder;
import io.emailcode.keycloak.mirror.MirrorQueueException;
import io.emailcode.keycloak.mirror.PoolLinks;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The links between pool users and Keycloak users, one item per pool user ({@code pk} = {@code link#<pool id>#<sub>})
 * in the mirror's queue table: shared by the cluster, already granted, and read only by the mirror's background work,
 * never by a sign-in. The items have none of the queue's attributes ({@code realm_id}, {@code kind},
 * {@code next_attempt_at}), so the queue's scans skip them; a link is written only if no other user holds it.
 */
final class DynamoDbPoolLinks implements PoolLinks {

    static final String KEY_PREFIX = "link#";
    private static final String REALM = "link_realm";
    private static final String USER = "link_user";

    private final DynamoDbClient client;
    private final String table;
    private final String userPoolId;
    private final DynamoDbCalls calls;

    DynamoDbPoolLinks(DynamoDbClient client, String table, String userPoolId) {
        this.client = client;
        this.table = table;
        this.userPoolId = userPoolId;
        this.calls = new DynamoDbCalls(table, MirrorQueueException::new);
    }

    @Override
    public Optional<LinkHolder> holder(String sub) {
        Map<String, AttributeValue> item = calls.call("GetItem", () -> client.getItem(b -> b.tableName(table)
                .key(key(sub)).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LinkHolder(item.get(REALM).s(), item.get(USER).s()));
    }

    @Override
    public boolean claim(String sub, LinkHolder holder) {
        try {
            calls.run("PutItem", () -> client.putItem(b -> b.tableName(table)
                    .item(Map.of(DynamoDbMirrorQueue.PK, key(sub).get(DynamoDbMirrorQueue.PK),
                            REALM, s(holder.realmId()), USER, s(holder.userId())))
                    .conditionExpression("attribute_not_exists(pk) OR (#r = :r AND #u = :u)")
                    .expressionAttributeNames(Map.of("#r", REALM, "#u", USER))
                    .expressionAttributeValues(values(holder))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(String sub, LinkHolder holder) {
        try {
            calls.run("DeleteItem", () -> client.deleteItem(b -> b.tableName(table).key(key(sub))
                    .conditionExpression("#r = :r AND #u = :u")
                    .expressionAttributeNames(Map.of("#r", REALM, "#u", USER))
                    .expressionAttributeValues(values(holder))));
        } catch (ConditionalCheckFailedException e) {
            // Another user's link (or none): not this one's to remove.
        }
    }

    private Map<String, AttributeValue> key(String sub) {
        return Map.of(DynamoDbMirrorQueue.PK, s(KEY_PREFIX + userPoolId + "#" + sub));
    }

    private static Map<String, AttributeValue> values(LinkHolder holder) {
        return Map.of(":r", s(holder.realmId()), ":u", s(holder.userId()));
    }
}

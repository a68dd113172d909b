package io.emailcode.keycloak.aws.dynamodb;

import java.util.Objects;
import java.util.Optional;

/**
 * The shape one of our tables must have: a single string partition key, where items expire a TTL attribute, and
 * where some items must be found without a scan a sparse index.
 *
 * @param name         the table's name
 * @param partitionKey its only key attribute, of type S
 * @param ttlAttribute the TTL attribute, enabled when the table is created locally
 * @param index        the secondary index, created with the table (or added to it) when creating is allowed
 */
public record TableSpec(String name, String partitionKey, Optional<String> ttlAttribute, Optional<IndexSpec> index) {

    public TableSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(ttlAttribute, "ttlAttribute");
        Objects.requireNonNull(index, "index");
    }

    /** The code table: items expire through {@code expires_at}. */
    public static TableSpec codes(String name) {
        return new TableSpec(name, CodeItem.PK, Optional.of(CodeItem.EXPIRES_AT), Optional.empty());
    }

    /**
     * The mirror's queue: an item is deleted once the pool agrees, so nothing expires. Pending changes are found
     * through the sparse {@link DynamoDbMirrorQueue#DUE_INDEX}, which the links and the repair's progress are not in.
     */
    public static TableSpec mirrorQueue(String name) {
        return new TableSpec(name, DynamoDbMirrorQueue.PK, Optional.empty(), Optional.of(DynamoDbMirrorQueue.DUE_INDEX));
    }

    String describe() {
        return "a string partition key '" + partitionKey + "'" + ttlAttribute.map(a -> " and TTL on '" + a + "'").orElse("")
                + index.map(i -> " and " + i.describe()).orElse("");
    }
}

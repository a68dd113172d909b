package io.emailcode.keycloak.aws.dynamodb;

import java.util.Objects;
import java.util.Optional;

/**
 * The shape one of our tables must have: a single string partition key and, where items expire, a TTL attribute.
 *
 * @param name         the table's name
 * @param partitionKey its only key attribute, of type S
 * @param ttlAttribute the TTL attribute, enabled when the table is created locally
 */
public record TableSpec(String name, String partitionKey, Optional<String> ttlAttribute) {

    public TableSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(ttlAttribute, "ttlAttribute");
    }

    /** The code table: items expire through {@code expires_at}. */
    public static TableSpec codes(String name) {
        return new TableSpec(name, CodeItem.PK, Optional.of(CodeItem.EXPIRES_AT));
    }

    /** The mirror's queue: an item is deleted once the pool agrees, so nothing expires. */
    public static TableSpec mirrorQueue(String name) {
        return new TableSpec(name, DynamoDbMirrorQueue.PK, Optional.empty());
    }

    String describe() {
        return "a string partition key '" + partitionKey + "'" + ttlAttribute.map(a -> " and TTL on '" + a + "'").orElse("");
    }
}

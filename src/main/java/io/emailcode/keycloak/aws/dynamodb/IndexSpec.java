package io.emailcode.keycloak.aws.dynamodb;

import java.util.Objects;

/**
 * A sparse global secondary index one of our tables must have: a string partition key and a number sort key, only
 * the keys projected. Only items that carry both key attributes are in it, so a query reads those items and no other.
 *
 * @param name         the index's name
 * @param partitionKey its partition key, of type S
 * @param sortKey      its sort key, of type N
 */
public record IndexSpec(String name, String partitionKey, String sortKey) {

    public IndexSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }

    String describe() {
        return "a global secondary index '" + name + "' with partition key '" + partitionKey + "' (S), sort key '"
                + sortKey + "' (N) and keys-only projection";
    }
}

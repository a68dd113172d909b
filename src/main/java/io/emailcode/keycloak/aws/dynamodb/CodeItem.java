package io.emailcode.keycloak.aws.dynamodb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One slot's item as DynamoDB returned it (usually the ALL_OLD image of a failed condition), read the way
 * the store's decisions need it. An empty map means there is no item.
 */
record CodeItem(Map<String, AttributeValue> attributes) {

    static final String PK = "pk";
    static final String CODE_HASH = "code_hash";
    static final String BINDING = "binding";
    static final String ISSUED_AT = "issued_at";
    static final String CODE_EXPIRES_AT = "code_expires_at";
    static final String ATTEMPTS = "attempts";
    static final String FAILURES = "failures";
    static final String LAST_SENT_AT = "last_sent_at";
    static final String WINDOW_START = "window_start";
    static final String WINDOW_SENDS = "window_sends";
    /** The table's TTL attribute. */
    static final String EXPIRES_AT = "expires_at";

    CodeItem {
        attributes = attributes == null ? Map.of() : attributes;
    }

    boolean exists() {
        return !attributes.isEmpty();
    }

    boolean hasCode() {
        return attributes.containsKey(CODE_HASH);
    }

    /** Constant-time, because the binding is derived from the login session. */
    boolean boundTo(String binding) {
        AttributeValue stored = attributes.get(BINDING);
        return stored != null && stored.s() != null && MessageDigest.isEqual(
                stored.s().getBytes(StandardCharsets.UTF_8), binding.getBytes(StandardCharsets.UTF_8));
    }

    /** A numeric attribute, or {@code fallback} when the item lacks it. */
    long number(String name, long fallback) {
        return Attributes.number(attributes, name, fallback);
    }
}

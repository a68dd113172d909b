package io.emailcode.keycloak.aws.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One slot's item as DynamoDB returned it (the old image of a failed condition, or the new values of a
 * successful update), read the way the store's decisions need it. An empty map means there is no item.
 *
 * <p>The live code is the only key of the map {@code codes}, with the value {@link #CONSUMED}: a check reads
 * {@code codes.<typed hash>}, which exists only for the right code, and copies its value into the attributes that
 * a success must reset. That is how one conditional write both counts a guess and consumes a right one.
 */
record CodeItem(Map<String, AttributeValue> attributes) {

    static final String PK = "pk";
    /** Map whose only key is the live code's hash. */
    static final String CODES = "codes";
    static final String BINDING = "binding";
    static final String CODE_EXPIRES_AT = "code_expires_at";
    static final String ATTEMPTS = "attempts";
    static final String LAST_SENT_AT = "last_sent_at";
    static final String FAILURES = "failures";
    static final String LOCKS = "locks";
    static final String LOCK_UNTIL = "lock_until";
    /** The table's TTL attribute, on slot items and counter items alike. */
    static final String EXPIRES_AT = "expires_at";
    /**
     * On a revocation item, an address's ({@code <slot of the known-browser lane>#revoked}) or an account's
     * ({@code <realm>#account#<account key>#revoked}): known-browser cookies issued at or before this time (epoch
     * milliseconds) have no lane of their own.
     */
    static final String NOT_BEFORE = "not_before";
    /** Sends counted by a budget item ({@code <scope>#h<hour>}). */
    static final String SENDS = "sends";
    /** What a right guess copies into the code's expiry, the cooldown and the lock count: -1, i.e. "none". */
    static final long CONSUMED = -1;

    CodeItem {
        attributes = attributes == null ? Map.of() : attributes;
    }

    boolean exists() {
        return !attributes.isEmpty();
    }

    boolean consumed() {
        return number(CODE_EXPIRES_AT, 0) == CONSUMED;
    }

    boolean hasCodeFor(String binding) {
        AttributeValue stored = attributes.get(BINDING);
        return attributes.containsKey(CODES) && stored != null && binding.equals(stored.s());
    }

    boolean locked(long now, int cap) {
        return number(LOCK_UNTIL, 0) > now || number(FAILURES, 0) >= cap;
    }

    /** A numeric attribute, or {@code fallback} when the item lacks it. */
    long number(String name, long fallback) {
        return Attributes.number(attributes, name, fallback);
    }
}

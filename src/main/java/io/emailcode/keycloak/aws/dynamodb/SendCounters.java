package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.CodeItem.EXPIRES_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.PK;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.SENDS;

import io.emailcode.keycloak.code.IssueOutcome.Refusal;
import java.util.Map;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Hourly send budgets as counter items, one per scope and clock hour ({@code <scope>#h<hour>}), expiring by TTL
 * an hour after their hour ends. A send adds one if the counter is below the budget; the store puts the counters
 * in the same transaction as the code, so a refused budget stores nothing and a stored code always counted.
 *
 * <p>The realm's counter would be written by every sign-in of the realm; it is spread over up to
 * {@link #MAX_REALM_SHARDS} items (each with its share of the ceiling), so concurrent transactions seldom meet on
 * one item. With a ceiling below {@code 100 * shards} there are fewer shards, down to one, so small ceilings stay exact.
 */
final class SendCounters {

    static final long HOUR_SECONDS = 3_600;
    static final int MAX_REALM_SHARDS = 8;
    private static final int SENDS_PER_SHARD_FLOOR = 100;

    private final String table;
    private final IntSupplier random;

    /** @param random picks a realm shard; {@code bound -> value in [0, bound)} */
    SendCounters(String table, IntSupplier random) {
        this.table = table;
        this.random = random;
    }

    /** A budget item of one scope for this hour, and the limit it refuses with. */
    record Counter(String key, int budget, Refusal refusal) {
    }

    static Counter address(String slotKey, long hour, int budget) {
        return new Counter(slotKey + "#h" + hour, budget, Refusal.ADDRESS_BUDGET);
    }

    /** The hashed network's text names its width, so the /64, /56 and /48 of one client are three counters. */
    static Counter network(String realmId, String networkKey, long hour, int budget) {
        return new Counter(realmId + "#network#" + networkKey + "#h" + hour, budget, Refusal.NETWORK_BUDGET);
    }

    static Counter mailbox(String realmId, String mailboxKey, long hour, int budget) {
        return new Counter(realmId + "#mailbox#" + mailboxKey + "#h" + hour, budget, Refusal.MAILBOX_BUDGET);
    }

    Counter realm(String realmId, long hour, int ceiling) {
        int shards = Math.max(1, Math.min(MAX_REALM_SHARDS, ceiling / SENDS_PER_SHARD_FLOOR));
        int shard = Math.floorMod(random.getAsInt(), shards);
        int share = (ceiling + shards - 1) / shards;
        return new Counter(realmId + "#realm#h" + hour + "#" + shard, share, Refusal.REALM_CEILING);
    }

    TransactWriteItem add(Counter counter, long hour) {
        Expression e = new Expression();
        String sends = e.name(SENDS);
        String update = "ADD " + sends + " " + e.number(1) + " SET " + e.name(EXPIRES_AT) + " = "
                + e.number((hour + 2) * HOUR_SECONDS);
        String condition = e.absentOr(SENDS, "<", e.number(counter.budget()));
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of(PK, Attributes.s(counter.key())))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(e.names()).expressionAttributeValues(e.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)).build();
    }
}

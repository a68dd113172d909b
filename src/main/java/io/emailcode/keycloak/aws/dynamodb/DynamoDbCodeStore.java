package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.CodeItem.ATTEMPTS;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.BINDING;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.CODES;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.CODE_EXPIRES_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.CONSUMED;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.EXPIRES_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.FAILURES;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LAST_SENT_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LOCKS;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LOCK_UNTIL;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.NOT_BEFORE;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.PK;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.code.VerifyRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link CodeStore} on one DynamoDB table; every decision is one conditional write, so all nodes of a cluster agree
 * without locks. A request is one {@code TransactWriteItems} (the code and every budget it counts toward, or
 * nothing); a check is one {@code UpdateItem} that reserves an attempt and, for the right code, consumes it and
 * resets the failures in the same write (see {@link CodeItem}). Only reaching the failure cap costs a second write.
 *
 * <p>DynamoDB's TTL deletes lazily, so no decision trusts an item's presence: every condition checks the code's
 * expiry, and budgets live in per-hour counter items.
 */
final class DynamoDbCodeStore implements CodeStore {

    /** How long a slot's failures and locks are remembered after its last code. */
    static final Duration RETENTION = Duration.ofDays(30);

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final DynamoDbCalls calls;
    private final CodeTransaction transaction;
    private final AddressStandingRead standings;

    DynamoDbCodeStore(DynamoDbClient client, String table, Clock clock, SendCounters counters) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calls = new DynamoDbCalls(table, CodeStoreUnavailableException::new);
        this.transaction = new CodeTransaction(client, table, calls, counters);
        this.standings = new AddressStandingRead(client, table, calls, clock);
    }

    @Override
    public IssueOutcome issue(IssueRequest request) {
        long now = clock.instant().getEpochSecond();
        CodeTransaction.Result result = transaction.issue(request, now, slotUpdate(request, now));
        if (result.unlockedAtCap().isPresent()) {
            // At the cap without a lock: the write that locks it was lost (an outage). Lock it now.
            Duration length = lock(request.slot(), request.failures(), result.unlockedAtCap().get().number(LOCKS, 0), now);
            return new IssueOutcome.Refused(IssueOutcome.Refusal.LOCKED, length);
        }
        return result.outcome();
    }

    private CodeTransaction.SlotUpdate slotUpdate(IssueRequest request, long now) {
        Expression e = new Expression();
        String zero = e.number(0);
        String nowValue = e.number(now);
        String update = "SET " + e.name(CODES) + " = " + e.value(AttributeValue.fromM(Map.of(
                        request.code().codeHash(), Attributes.n(CONSUMED))))
                + ", " + e.name(BINDING) + " = " + e.string(request.code().binding())
                + ", " + e.name(CODE_EXPIRES_AT) + " = " + e.number(now + request.code().validity().toSeconds())
                + ", " + e.name(ATTEMPTS) + " = " + zero
                + ", " + e.name(LAST_SENT_AT) + " = " + nowValue
                + ", " + e.name(EXPIRES_AT) + " = " + e.number(now + RETENTION.toSeconds())
                + ", " + e.name(FAILURES) + " = if_not_exists(" + e.name(FAILURES) + ", " + zero + ")"
                + ", " + e.name(LOCKS) + " = if_not_exists(" + e.name(LOCKS) + ", " + zero + ")";
        String condition = e.absentOr(LAST_SENT_AT, "<=", e.number(now - request.sending().cooldown().toSeconds()))
                + " AND " + e.absentOr(LOCK_UNTIL, "<=", nowValue)
                + " AND " + e.absentOr(FAILURES, "<", e.number(request.failures().cap()));
        return new CodeTransaction.SlotUpdate(update, condition, e);
    }

    @Override
    public VerifyOutcome verify(VerifyRequest request) {
        long now = clock.instant().getEpochSecond();
        Expression e = new Expression();
        String one = e.number(1);
        String right = e.name(CODES) + "." + e.name(request.submittedHash());
        // A right guess finds codes.<hash> = -1: failures become -1 + 1 = 0, the code's expiry, the cooldown and the
        // lock count become -1. A wrong guess finds nothing there and keeps each attribute's own value.
        String update = "SET " + e.name(ATTEMPTS) + " = " + e.name(ATTEMPTS) + " + " + one
                + ", " + e.name(FAILURES) + " = if_not_exists(" + right + ", " + e.name(FAILURES) + ") + " + one
                + ", " + copyOnMatch(e, right, CODE_EXPIRES_AT)
                + ", " + copyOnMatch(e, right, LAST_SENT_AT)
                + ", " + copyOnMatch(e, right, LOCKS);
        String nowValue = e.number(now);
        String condition = e.name(BINDING) + " = " + e.string(request.binding())
                + " AND " + e.name(CODE_EXPIRES_AT) + " > " + nowValue
                + " AND " + e.name(ATTEMPTS) + " < " + e.number(request.maxAttempts())
                + " AND " + e.name(FAILURES) + " < " + e.number(request.failures().cap())
                + " AND " + e.absentOr(LOCK_UNTIL, "<=", nowValue);
        Map<String, AttributeValue> updated;
        try {
            updated = calls.call("UpdateItem", () -> client.updateItem(b -> b.tableName(table).key(key(request.slot()))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(e.names()).expressionAttributeValues(e.values())
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))).attributes();
        } catch (ConditionalCheckFailedException refused) {
            return notEvaluated(new CodeItem(refused.item()), request, now);
        }
        CodeItem after = new CodeItem(updated);
        if (after.consumed()) {
            return VerifyOutcome.ACCEPTED;
        }
        if (after.number(FAILURES, 0) >= request.failures().cap()) {
            lock(request.slot(), request.failures(), after.number(LOCKS, 0), now);
            return VerifyOutcome.CAP_REACHED;
        }
        return after.number(ATTEMPTS, 0) >= request.maxAttempts() ? VerifyOutcome.ATTEMPTS_EXHAUSTED : VerifyOutcome.WRONG_CODE;
    }

    private static String copyOnMatch(Expression e, String right, String attribute) {
        return e.name(attribute) + " = if_not_exists(" + right + ", " + e.name(attribute) + ")";
    }

    private static VerifyOutcome notEvaluated(CodeItem old, VerifyRequest request, long now) {
        if (!old.exists() || !old.hasCodeFor(request.binding()) || old.consumed()) {
            return VerifyOutcome.NO_CODE;
        }
        if (old.locked(now, request.failures().cap())) {
            return VerifyOutcome.LOCKED;
        }
        if (old.number(CODE_EXPIRES_AT, 0) <= now) {
            return VerifyOutcome.EXPIRED;
        }
        return VerifyOutcome.DEAD;
    }

    /**
     * Locks a slot that reached its cap, kills its code and starts the next round of guesses; idempotent, since only
     * a slot still at its cap is locked. Returns how long the lock lasts.
     */
    private Duration lock(CodeSlot slot, FailurePolicy failures, long earlierLocks, long now) {
        Duration length = failures.lockAfter(earlierLocks);
        Expression e = new Expression();
        String update = "SET " + e.name(LOCKS) + " = " + e.number(Math.max(0, earlierLocks) + 1)
                + ", " + e.name(FAILURES) + " = " + e.number(0)
                + ", " + e.name(CODE_EXPIRES_AT) + " = " + e.number(0)
                + ", " + e.name(LOCK_UNTIL) + " = " + e.number(now + length.toSeconds());
        String condition = e.name(FAILURES) + " >= " + e.number(failures.cap());
        try {
            calls.run("UpdateItem", () -> client.updateItem(b -> b.tableName(table).key(key(slot))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(e.names()).expressionAttributeValues(e.values())));
        } catch (ConditionalCheckFailedException alreadyLocked) {
            // A concurrent request locked it first.
        }
        return length;
    }

    /**
     * One transaction deletes the address's slot and this hour's budget item in each lane, and writes the address's
     * revocation item: every known-browser cookie issued until now loses its lane.
     */
    @Override
    public void forget(String realmId, String addressKey, Optional<String> mailboxKey) {
        long now = clock.instant().getEpochSecond();
        long hour = Math.floorDiv(now, SendCounters.HOUR_SECONDS);
        List<TransactWriteItem> writes = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            String slot = new CodeSlot(realmId, addressKey, lane).key();
            for (String key : List.of(slot, SendCounters.address(slot, hour, 0).key())) {
                writes.add(TransactWriteItem.builder()
                        .delete(d -> d.tableName(table).key(Map.of(PK, Attributes.s(key)))).build());
            }
        }
        mailboxKey.ifPresent(mailbox -> writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Map.of(PK, Attributes.s(SendCounters.mailbox(realmId, mailbox, hour, 0).key())))).build()));
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(revocation(revocationKey(new CodeSlot(realmId, addressKey, Lane.KNOWN_BROWSER))))).build());
        calls.run("TransactWriteItems", () -> client.transactWriteItems(b -> b.transactItems(writes)));
    }

    @Override
    public void revokeBrowsers(String realmId, String addressKey) {
        Map<String, AttributeValue> item = revocation(revocationKey(new CodeSlot(realmId, addressKey, Lane.KNOWN_BROWSER)));
        calls.run("PutItem", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public void revokeAccountBrowsers(String realmId, String accountKey) {
        Map<String, AttributeValue> item = revocation(accountRevocationKey(realmId, accountKey));
        calls.run("PutItem", () -> client.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public AddressStanding standing(String realmId, String addressKey, String mailboxKey, Optional<String> accountKey) {
        return standings.read(realmId, addressKey, mailboxKey, accountKey);
    }

    /** A revocation item: known-browser cookies issued until now have no lane. */
    private Map<String, AttributeValue> revocation(String key) {
        long now = clock.millis();
        return Map.of(PK, Attributes.s(key), NOT_BEFORE, Attributes.n(now),
                EXPIRES_AT, Attributes.n(now / 1000 + BROWSER_REVOCATION_KEPT.toSeconds()));
    }

    /** Where an address's revocation of its known browsers is kept, beside its known-browser slot. */
    static String revocationKey(CodeSlot slot) {
        return new CodeSlot(slot.realmId(), slot.addressKey(), Lane.KNOWN_BROWSER).key() + "#revoked";
    }

    /** Where an account's revocation of its known browsers is kept; an address key never contains "#account#". */
    static String accountRevocationKey(String realmId, String accountKey) {
        return realmId + "#account#" + accountKey + "#revoked";
    }

    static Map<String, AttributeValue> key(CodeSlot slot) {
        return Map.of(PK, Attributes.s(slot.key()));
    }
}

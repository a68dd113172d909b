package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.CodeItem.ATTEMPTS;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.CODE_EXPIRES_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LAST_SENT_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.WINDOW_SENDS;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.WINDOW_START;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.SendPolicy;
import io.emailcode.keycloak.code.VerifyOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.n;
import static io.emailcode.keycloak.aws.dynamodb.Attributes.s;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link CodeStore} on one DynamoDB table: one item per slot, every limit decided by a conditional write,
 * so all nodes of a cluster agree without locks. Failed conditions return the old item, which tells us why
 * without a second read.
 *
 * <p>A successful verify is one conditional UpdateItem that removes the code, not a DeleteItem: the item also
 * holds the hourly send budget, and deleting it would hand out a fresh budget after every sign-in (sign in,
 * then send five more codes at once, and again). Removing only the code keeps the budget cluster-wide and
 * still makes the code single use. It also clears the failure count (the failures were followed by a success)
 * and the resend cooldown, which only exists to protect a live code's inbox.
 *
 * <p>DynamoDB's TTL deletes lazily, so no decision trusts an item's presence: every condition checks
 * {@code code_expires_at} and the budget window's start.
 */
final class DynamoDbCodeStore implements CodeStore {

    static final long WINDOW_SECONDS = Duration.ofHours(1).toSeconds();

    private static final String SET_CODE = "SET code_hash = :h, binding = :b, issued_at = :now, "
            + "code_expires_at = :codeExpiresAt, attempts = :zero, last_sent_at = :now, expires_at = :itemExpiresAt";
    private static final String REMOVE_CODE = "REMOVE code_hash, binding, issued_at, code_expires_at";

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final DynamoDbCalls calls;

    DynamoDbCodeStore(DynamoDbClient client, String table, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calls = new DynamoDbCalls(table, CodeStoreUnavailableException::new);
    }

    @Override
    public IssueOutcome issue(CodeSlot slot, IssuedCode code, SendPolicy policy) {
        long now = clock.instant().getEpochSecond();
        long cooldown = policy.cooldown().toSeconds();
        long codeExpiresAt = now + code.validity().toSeconds();
        Map<String, AttributeValue> values = Map.of(
                ":h", s(code.codeHash()), ":b", s(code.binding()), ":now", n(now),
                ":codeExpiresAt", n(codeExpiresAt), ":zero", n(0), ":one", n(1),
                // The item must outlive the code and the budget window; the window started at or before now.
                ":itemExpiresAt", n(Math.max(codeExpiresAt, now + WINDOW_SECONDS)),
                ":cooledAt", n(now - cooldown), ":windowOpenAfter", n(now - WINDOW_SECONDS));
        try {
            write("UpdateItem", slot, SET_CODE + ", window_sends = window_sends + :one",
                    "attribute_exists(pk) AND last_sent_at <= :cooledAt AND window_start > :windowOpenAfter"
                            + " AND window_sends < :budget",
                    with(values, ":budget", n(policy.sendsPerHour())));
            return new IssueOutcome.Issued();
        } catch (ConditionalCheckFailedException e) {
            CodeItem old = new CodeItem(e.item());
            long cooledAt = old.number(LAST_SENT_AT, 0) + cooldown;
            if (old.exists() && cooledAt > now) {
                return new IssueOutcome.CoolingDown(Duration.ofSeconds(cooledAt - now));
            }
            long windowEnd = old.number(WINDOW_START, 0) + WINDOW_SECONDS;
            if (old.exists() && windowEnd > now && old.number(WINDOW_SENDS, 0) >= policy.sendsPerHour()) {
                return new IssueOutcome.BudgetSpent(Duration.ofSeconds(windowEnd - now));
            }
        }
        return issueInNewWindow(slot, values, policy);
    }

    /** No item yet, or the last window is over: this send opens a new window. Failures are kept. */
    private IssueOutcome issueInNewWindow(CodeSlot slot, Map<String, AttributeValue> values, SendPolicy policy) {
        try {
            write("UpdateItem", slot,
                    SET_CODE + ", window_start = :now, window_sends = :one, failures = if_not_exists(failures, :zero)",
                    "attribute_not_exists(pk) OR ((attribute_not_exists(last_sent_at) OR last_sent_at <= :cooledAt)"
                            + " AND (attribute_not_exists(window_start) OR window_start <= :windowOpenAfter))",
                    values);
            return new IssueOutcome.Issued();
        } catch (ConditionalCheckFailedException e) {
            // Another node sent a code between our two writes.
            return new IssueOutcome.CoolingDown(policy.cooldown());
        }
    }

    @Override
    public void withdraw(CodeSlot slot, String codeHash) {
        try {
            // last_sent_at = 0 lifts the cooldown; window_sends is untouched, so the send still counts.
            write("UpdateItem", slot, REMOVE_CODE + " SET last_sent_at = :zero", "code_hash = :h",
                    Map.of(":h", s(codeHash), ":zero", n(0)));
        } catch (ConditionalCheckFailedException e) {
            // The slot holds another code, or none: nothing to take back.
        }
    }

    @Override
    public VerifyOutcome verify(CodeSlot slot, String submittedHash, String binding, int maxAttempts) {
        long now = clock.instant().getEpochSecond();
        try {
            write("UpdateItem", slot, REMOVE_CODE + " SET attempts = :zero, failures = :zero, last_sent_at = :zero",
                    "code_hash = :h AND binding = :b AND code_expires_at > :now AND attempts < :max",
                    Map.of(":h", s(submittedHash), ":b", s(binding), ":now", n(now), ":max", n(maxAttempts),
                            ":zero", n(0)));
            return VerifyOutcome.ACCEPTED;
        } catch (ConditionalCheckFailedException e) {
            CodeItem old = new CodeItem(e.item());
            if (!old.hasCode() || !old.boundTo(binding)) {
                return VerifyOutcome.NO_CODE;
            }
            if (old.number(CODE_EXPIRES_AT, 0) <= now) {
                return VerifyOutcome.EXPIRED;
            }
            if (old.number(ATTEMPTS, 0) >= maxAttempts) {
                return VerifyOutcome.ATTEMPTS_EXHAUSTED;
            }
            return countWrongCode(slot, submittedHash, binding, maxAttempts);
        }
    }

    /** One atomic increment; concurrent wrong guesses each count, so the limit holds across nodes. */
    private VerifyOutcome countWrongCode(CodeSlot slot, String submittedHash, String binding, int maxAttempts) {
        try {
            Map<String, AttributeValue> updated = calls.call("UpdateItem", () -> client.updateItem(b -> b
                    .tableName(table)
                    .key(key(slot))
                    .updateExpression("ADD attempts :one, failures :one")
                    // code_hash <> :h: a code replaced meanwhile by exactly this one is not counted as wrong.
                    .conditionExpression("binding = :b AND attribute_exists(code_hash) AND code_hash <> :h")
                    .expressionAttributeValues(Map.of(":one", n(1), ":b", s(binding), ":h", s(submittedHash)))
                    .returnValues(ReturnValue.UPDATED_NEW))).attributes();
            return new CodeItem(updated).number(ATTEMPTS, maxAttempts) >= maxAttempts
                    ? VerifyOutcome.ATTEMPTS_EXHAUSTED
                    : VerifyOutcome.WRONG_CODE;
        } catch (ConditionalCheckFailedException e) {
            // Consumed, withdrawn or replaced for another login between our two calls.
            return VerifyOutcome.NO_CODE;
        }
    }

    private void write(String operation, CodeSlot slot, String update, String condition,
                       Map<String, AttributeValue> values) {
        calls.call(operation, () -> client.updateItem(b -> b
                .tableName(table)
                .key(key(slot))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    }

    private static Map<String, AttributeValue> key(CodeSlot slot) {
        return Map.of(CodeItem.PK, s(slot.key()));
    }

    private static Map<String, AttributeValue> with(Map<String, AttributeValue> values, String name,
                                                    AttributeValue value) {
        Map<String, AttributeValue> copy = new HashMap<>(values);
        copy.put(name, value);
        return copy;
    }
}

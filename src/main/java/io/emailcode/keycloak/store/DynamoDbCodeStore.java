package io.emailcode.keycloak.store;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssuedCode;
import io.emailcode.keycloak.code.SendPolicy;
import io.emailcode.keycloak.code.VerifyOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link CodeStore} in one DynamoDB table, one item per slot. Every rule is a condition expression, so
 * nodes of a cluster never disagree: a code is accepted once, attempts and sends are counted atomically.
 *
 * <p>A successful verify removes the code with one conditional {@code UpdateItem} rather than deleting the
 * item: the item also holds the hourly send budget, which must survive a sign-in (otherwise signing in
 * once would open a fresh budget). {@code expires_at} is the table's TTL attribute and covers both the code
 * and the budget window; the code's own expiry is {@code code_expires_at}, checked in every condition
 * because TTL deletion happens late.
 */
public final class DynamoDbCodeStore implements CodeStore {

    static final String PK = "pk";
    private static final long WINDOW_SECONDS = 3600;

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoDbCodeStore(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public IssueOutcome issue(CodeSlot slot, IssuedCode code, SendPolicy policy) {
        long now = clock.instant().getEpochSecond();
        long codeExpires = now + code.validity().toSeconds();
        Map<String, AttributeValue> values = Map.of(
                ":hash", s(code.codeHash()), ":binding", s(code.binding()), ":now", n(now),
                ":codeExpires", n(codeExpires), ":zero", n(0), ":one", n(1),
                ":cooldownEdge", n(now - policy.cooldown().toSeconds()), ":windowEdge", n(now - WINDOW_SECONDS),
                ":budget", n(policy.sendsPerHour()), ":expires", n(Math.max(codeExpires, now + WINDOW_SECONDS)));
        String setCode = "SET code_hash = :hash, binding = :binding, issued_at = :now, code_expires_at = :codeExpires, "
                + "attempts = :zero, last_sent_at = :now, ";
        try {
            call(() -> client.updateItem(update(slot)
                    .conditionExpression("attribute_exists(pk) AND last_sent_at <= :cooldownEdge "
                            + "AND window_start > :windowEdge AND window_sends < :budget")
                    .updateExpression(setCode + "window_sends = window_sends + :one, expires_at = :expires")
                    .expressionAttributeValues(values)
                    .build()), "issue");
            return new IssueOutcome.Issued();
        } catch (ConditionalCheckFailedException refused) {
            Map<String, AttributeValue> old = refused.item();
            if (old != null && !old.isEmpty()) {
                long lastSent = num(old, "last_sent_at");
                long windowStart = num(old, "window_start");
                if (lastSent > now - policy.cooldown().toSeconds()) {
                    return new IssueOutcome.CoolingDown(Duration.ofSeconds(lastSent + policy.cooldown().toSeconds() - now));
                }
                if (windowStart > now - WINDOW_SECONDS && num(old, "window_sends") >= policy.sendsPerHour()) {
                    return new IssueOutcome.BudgetSpent(Duration.ofSeconds(windowStart + WINDOW_SECONDS - now));
                }
            }
        }
        try {
            // No item yet, or the budget window is over: open a new window. Failure counts are kept.
            call(() -> client.updateItem(update(slot)
                    .conditionExpression("attribute_not_exists(pk) OR (last_sent_at <= :cooldownEdge AND window_start <= :windowEdge)")
                    .updateExpression(setCode + "window_start = :now, window_sends = :one, expires_at = :expires, "
                            + "failures = if_not_exists(failures, :zero)")
                    .expressionAttributeValues(without(values, ":budget"))
                    .build()), "issue");
            return new IssueOutcome.Issued();
        } catch (ConditionalCheckFailedException race) {
            // Another node issued a code for this slot at the same moment.
            return new IssueOutcome.CoolingDown(policy.cooldown().isZero() ? Duration.ofSeconds(1) : policy.cooldown());
        }
    }

    @Override
    public void withdraw(CodeSlot slot, String codeHash) {
        try {
            call(() -> client.updateItem(update(slot)
                    .conditionExpression("code_hash = :hash")
                    .updateExpression("REMOVE code_hash SET last_sent_at = :zero")
                    .expressionAttributeValues(Map.of(":hash", s(codeHash), ":zero", n(0)))
                    .build()), "withdraw");
        } catch (ConditionalCheckFailedException replaced) {
            // Another code took its place; nothing to take back.
        }
    }

    @Override
    public VerifyOutcome verify(CodeSlot slot, String submittedHash, String binding, int maxAttempts) {
        long now = clock.instant().getEpochSecond();
        try {
            call(() -> client.updateItem(update(slot)
                    .conditionExpression("code_hash = :hash AND binding = :binding AND code_expires_at > :now AND attempts < :max")
                    .updateExpression("REMOVE code_hash SET failures = :zero")
                    .expressionAttributeValues(Map.of(":hash", s(submittedHash), ":binding", s(binding),
                            ":now", n(now), ":max", n(maxAttempts), ":zero", n(0)))
                    .build()), "verify");
            return VerifyOutcome.ACCEPTED;
        } catch (ConditionalCheckFailedException refused) {
            return refusal(slot, refused.item(), binding, maxAttempts, now);
        }
    }

    private VerifyOutcome refusal(CodeSlot slot, Map<String, AttributeValue> old, String binding, int maxAttempts, long now) {
        if (old == null || !old.containsKey("code_hash") || !binding.equals(old.get("binding").s())) {
            return VerifyOutcome.NO_CODE;
        }
        if (num(old, "code_expires_at") <= now) {
            return VerifyOutcome.EXPIRED;
        }
        if (num(old, "attempts") >= maxAttempts) {
            return VerifyOutcome.ATTEMPTS_EXHAUSTED;
        }
        try {
            Map<String, AttributeValue> updated = call(() -> client.updateItem(update(slot)
                    .conditionExpression("binding = :binding AND attribute_exists(code_hash)")
                    .updateExpression("ADD attempts :one, failures :one")
                    .expressionAttributeValues(Map.of(":binding", s(binding), ":one", n(1)))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .build()), "count attempt").attributes();
            return num(updated, "attempts") >= maxAttempts ? VerifyOutcome.ATTEMPTS_EXHAUSTED : VerifyOutcome.WRONG_CODE;
        } catch (ConditionalCheckFailedException gone) {
            return VerifyOutcome.NO_CODE;
        }
    }

    private UpdateItemRequest.Builder update(CodeSlot slot) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of(PK, s(slot.key())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
    }

    /** Maps every failure but a refused condition to {@link CodeStoreUnavailableException}, without codes or addresses. */
    private <T> T call(Supplier<T> operation, String name) {
        try {
            return operation.get();
        } catch (ConditionalCheckFailedException refused) {
            throw refused;
        } catch (SdkException e) {
            String detail = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                    ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            throw new CodeStoreUnavailableException("DynamoDB " + name + " on table " + table + " failed: " + detail, e);
        }
    }

    private static Map<String, AttributeValue> without(Map<String, AttributeValue> values, String key) {
        Map<String, AttributeValue> copy = new java.util.HashMap<>(values);
        copy.remove(key);
        return copy;
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

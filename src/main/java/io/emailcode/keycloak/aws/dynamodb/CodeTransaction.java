package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LAST_SENT_AT;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LOCK_UNTIL;

import io.emailcode.keycloak.aws.AwsErrors;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A code request as one {@code TransactWriteItems}: the slot's new code (if its cooldown passed and it is not
 * locked) and one count on each budget the request is subject to. DynamoDB reports per item why a transaction was
 * refused, with the slot's old image, which tells which limit answered and for how long without another read.
 */
final class CodeTransaction {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    /** Concurrent requests for one address or realm shard can meet on an item; they settle within milliseconds. */
    private static final int ATTEMPTS_ON_CONFLICT = 3;

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbCalls calls;
    private final SendCounters counters;

    CodeTransaction(DynamoDbClient client, String table, DynamoDbCalls calls, SendCounters counters) {
        this.client = client;
        this.table = table;
        this.calls = calls;
        this.counters = counters;
    }

    /** The slot's part of the transaction, built by the store. */
    record SlotUpdate(String update, String condition, Expression expression) {
    }

    /**
     * @param unlockedAtCap the slot's old image when it is at its failure cap but not locked (its lock was lost)
     */
    record Result(IssueOutcome outcome, Optional<CodeItem> unlockedAtCap) {
    }

    Result issue(IssueRequest request, long now, SlotUpdate slot) {
        long hour = Math.floorDiv(now, SendCounters.HOUR_SECONDS);
        for (int attempt = 1; ; attempt++) {
            List<SendCounters.Counter> budgets = budgets(request, hour);
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(DynamoDbCodeStore.key(request.slot()))
                    .updateExpression(slot.update()).conditionExpression(slot.condition())
                    .expressionAttributeNames(slot.expression().names())
                    .expressionAttributeValues(slot.expression().values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
            budgets.forEach(budget -> items.add(counters.add(budget, hour)));
            request.browser().ifPresent(browser -> {
                items.add(notRevokedSince(DynamoDbCodeStore.revocationKey(request.slot()), browser.issuedAt()));
                items.add(notRevokedSince(DynamoDbCodeStore.accountRevocationKey(request.slot().realmId(),
                        browser.accountKey()), browser.issuedAt()));
            });
            try {
                calls.run("TransactWriteItems", () -> client.transactWriteItems(b -> b.transactItems(items)));
                return new Result(new IssueOutcome.Issued(), Optional.empty());
            } catch (TransactionCanceledException refused) {
                List<CancellationReason> reasons = refused.cancellationReasons();
                if (attempt < ATTEMPTS_ON_CONFLICT && reasons.stream().anyMatch(r -> CONFLICT.equals(r.code()))) {
                    pause(attempt); // Another request wrote one of the items at the same moment: again, on another shard.
                    continue;
                }
                if (request.browser().isPresent() && reasons.size() > 2 && reasons.subList(reasons.size() - 2, reasons.size())
                        .stream().anyMatch(reason -> CONDITION_FAILED.equals(reason.code()))) {
                    return new Result(new IssueOutcome.Refused(IssueOutcome.Refusal.BROWSER_REVOKED, Duration.ZERO),
                            Optional.empty());
                }
                return refusal(request, reasons, budgets, now, hour);
            }
        }
    }

    /** The known browser's cookie was issued after the revocation item's known browsers were last revoked, if ever. */
    private TransactWriteItem notRevokedSince(String revocationKey, long since) {
        Expression e = new Expression();
        String condition = e.absentOr(CodeItem.NOT_BEFORE, "<", e.number(since));
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(java.util.Map.of(CodeItem.PK, Attributes.s(revocationKey)))
                .conditionExpression(condition).expressionAttributeNames(e.names())
                .expressionAttributeValues(e.values())).build();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeStoreUnavailableException("Interrupted while retrying a code request", e);
        }
    }

    private List<SendCounters.Counter> budgets(IssueRequest request, long hour) {
        List<SendCounters.Counter> budgets = new ArrayList<>();
        budgets.add(SendCounters.address(request.slot().key(), hour, request.sending().sendsPerHour()));
        request.abuse().ifPresent(abuse -> {
            String realmId = request.slot().realmId();
            budgets.add(SendCounters.mailbox(realmId, abuse.mailboxKey(), hour, abuse.limits().sendsPerMailboxPerHour()));
            abuse.networkKeys().forEach(network -> budgets.add(SendCounters.network(realmId, network.value(), hour,
                    abuse.limits().sendsPerHour(network.width()))));
            budgets.add(counters.realm(realmId, hour, abuse.limits().sendsPerRealmPerHour()));
        });
        return budgets;
    }

    private static Result refusal(IssueRequest request, List<CancellationReason> reasons, List<SendCounters.Counter> budgets,
                                  long now, long hour) {
        if (reasons.size() != budgets.size() + 1 + (request.browser().isPresent() ? 2 : 0)) {
            throw new CodeStoreUnavailableException("DynamoDB TransactWriteItems on a code request was refused without "
                    + "a reason per item", null);
        }
        if (CONDITION_FAILED.equals(reasons.get(0).code())) {
            CodeItem old = new CodeItem(reasons.get(0).item());
            if (old.locked(now, request.failures().cap())) {
                long lockedFor = old.number(LOCK_UNTIL, 0) - now;
                return lockedFor > 0
                        ? new Result(new IssueOutcome.Refused(IssueOutcome.Refusal.LOCKED, Duration.ofSeconds(lockedFor)), Optional.empty())
                        : new Result(new IssueOutcome.Refused(IssueOutcome.Refusal.LOCKED, Duration.ZERO), Optional.of(old));
            }
            long remaining = old.number(LAST_SENT_AT, 0) + request.sending().cooldown().toSeconds() - now;
            return new Result(new IssueOutcome.CoolingDown(Duration.ofSeconds(Math.max(1, remaining))), Optional.empty());
        }
        Duration untilNextHour = Duration.ofSeconds((hour + 1) * SendCounters.HOUR_SECONDS - now);
        for (int i = 1; i < reasons.size(); i++) {
            if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                return new Result(new IssueOutcome.Refused(budgets.get(i - 1).refusal(), untilNextHour), Optional.empty());
            }
        }
        String codes = String.join(",", reasons.stream().map(CancellationReason::code).toList());
        throw new CodeStoreUnavailableException("DynamoDB TransactWriteItems on a code request was cancelled: "
                + AwsErrors.token(codes), null);
    }
}

package io.emailcode.keycloak.aws.dynamodb;

import static io.emailcode.keycloak.aws.dynamodb.CodeItem.FAILURES;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LOCKS;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.LOCK_UNTIL;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.NOT_BEFORE;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.PK;
import static io.emailcode.keycloak.aws.dynamodb.CodeItem.SENDS;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.Lane;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads an address's items for support staff in one {@code BatchGetItem} of strongly consistent reads: its slot and
 * this hour's budget item in each lane, its mailbox's budget item, its revocation item and that of the account that
 * holds it. Only the attributes the answer shows are read: never a code's hash or its login binding.
 */
final class AddressStandingRead {

    private final DynamoDbClient client;
    private final String table;
    private final DynamoDbCalls calls;
    private final Clock clock;

    AddressStandingRead(DynamoDbClient client, String table, DynamoDbCalls calls, Clock clock) {
        this.client = client;
        this.table = table;
        this.calls = calls;
        this.clock = clock;
    }

    AddressStanding read(String realmId, String addressKey, String mailboxKey, Optional<String> accountKey) {
        long now = clock.instant().getEpochSecond();
        long hour = Math.floorDiv(now, SendCounters.HOUR_SECONDS);
        CodeSlot open = new CodeSlot(realmId, addressKey, Lane.OPEN);
        CodeSlot known = new CodeSlot(realmId, addressKey, Lane.KNOWN_BROWSER);
        String mailbox = SendCounters.mailbox(realmId, mailboxKey, hour, 0).key();
        String revocation = DynamoDbCodeStore.revocationKey(known);
        Optional<String> accountRevocation = accountKey.map(key -> DynamoDbCodeStore.accountRevocationKey(realmId, key));
        Map<String, Map<String, AttributeValue>> items = items(Stream.of(
                Stream.of(open, known).flatMap(slot -> Stream.of(slot.key(), SendCounters.address(slot.key(), hour, 0).key())),
                Stream.of(mailbox, revocation), accountRevocation.stream()).flatMap(keys -> keys).toList());
        return new AddressStanding(slot(items, open, hour, now), slot(items, known, hour, now),
                (int) Attributes.number(items.getOrDefault(mailbox, Map.of()), SENDS, 0),
                revokedAt(items, Optional.of(revocation)), revokedAt(items, accountRevocation));
    }

    /** When the revocation item says known browsers were last revoked; empty without one. */
    private static Optional<Instant> revokedAt(Map<String, Map<String, AttributeValue>> items, Optional<String> key) {
        return key.map(items::get).map(item -> Attributes.number(item, NOT_BEFORE, 0))
                .filter(millis -> millis > 0).map(Instant::ofEpochMilli);
    }

    private static AddressStanding.Slot slot(Map<String, Map<String, AttributeValue>> items, CodeSlot slot, long hour,
                                             long now) {
        CodeItem item = new CodeItem(items.getOrDefault(slot.key(), Map.of()));
        long lockUntil = item.number(LOCK_UNTIL, 0);
        long sends = Attributes.number(items.getOrDefault(SendCounters.address(slot.key(), hour, 0).key(), Map.of()), SENDS, 0);
        // A successful sign-in leaves -1 in the lock count ("none since").
        return new AddressStanding.Slot((int) item.number(FAILURES, 0), (int) Math.max(0, item.number(LOCKS, 0)),
                lockUntil > now ? Optional.of(Instant.ofEpochSecond(lockUntil)) : Optional.empty(), (int) sends);
    }

    /** The items found, by key; a key without an item is absent. */
    private Map<String, Map<String, AttributeValue>> items(List<String> keys) {
        Expression e = new Expression();
        String shown = String.join(", ", Stream.of(PK, FAILURES, LOCKS, LOCK_UNTIL, SENDS, NOT_BEFORE).map(e::name).toList());
        KeysAndAttributes request = KeysAndAttributes.builder().consistentRead(true)
                .keys(keys.stream().map(key -> Map.of(PK, Attributes.s(key))).toList())
                .projectionExpression(shown).expressionAttributeNames(e.names()).build();
        BatchGetItemResponse response = calls.call("BatchGetItem",
                () -> client.batchGetItem(b -> b.requestItems(Map.of(table, request))));
        if (response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()) {
            // Only throttling leaves keys unread in a batch this small: the caller's "try again".
            throw new CodeStoreUnavailableException("DynamoDB BatchGetItem on table " + table
                    + " left items unread (throttled)", null);
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        response.responses().getOrDefault(table, List.of())
                .forEach(item -> found.put(Attributes.string(item, PK, ""), item));
        return found;
    }
}

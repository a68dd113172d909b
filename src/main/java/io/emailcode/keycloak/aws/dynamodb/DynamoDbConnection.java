package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.aws.AwsCallListener;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.aws.Rehearsal;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.mirror.MirrorQueue;
import io.emailcode.keycloak.mirror.PoolLinks;
import io.emailcode.keycloak.mirror.RepairProgressStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB client for the life of a server, and the stores built on it. Callers outside this package never
 * see an SDK type: they get the domain's {@link CodeStore}, {@link MirrorQueue} and {@link RepairProgressStore}.
 */
public final class DynamoDbConnection implements AutoCloseable {

    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/x-amz-json-1.0";
    /** A request whose transaction stored its code and counted its budgets. */
    private static final Rehearsal.Answer STORED = new Rehearsal.Answer(JSON, "{}");
    /** A check of the right code: the values a consuming update returns ({@link CodeItem#CONSUMED}). */
    private static final Rehearsal.Answer CONSUMED = new Rehearsal.Answer(JSON, "{\"Attributes\":{"
            + "\"" + CodeItem.ATTEMPTS + "\":{\"N\":\"1\"},\"" + CodeItem.FAILURES + "\":{\"N\":\"0\"},"
            + "\"" + CodeItem.CODE_EXPIRES_AT + "\":{\"N\":\"-1\"},\"" + CodeItem.LAST_SENT_AT + "\":{\"N\":\"-1\"},"
            + "\"" + CodeItem.LOCKS + "\":{\"N\":\"-1\"}}}");

    private final DynamoDbClient client;

    DynamoDbConnection(DynamoDbClient client) {
        this.client = client;
    }

    /** @param calls hears of every call the client makes */
    public static DynamoDbConnection open(AwsClientSettings settings, AwsCallListener calls) {
        return new DynamoDbConnection(AwsClients.build(DynamoDbClient.builder(), settings, calls));
    }

    /**
     * Stops the server with a clear message unless the table has the spec's shape.
     *
     * @param createIfMissing   create a missing table (local use only)
     * @param createTableOption how operators spell that option, for the message
     */
    public void requireTable(TableSpec spec, boolean createIfMissing, String createTableOption) {
        new DynamoDbTableGuard(client, spec, createTableOption, TABLE_ACTIVE_TIMEOUT).check(createIfMissing);
    }

    /**
     * Runs {@code signIn} at start against a code store on loopback ({@link Rehearsal}), where every request stores
     * its code and every check consumes it, so the store's code, the SDK and the HTTP client are loaded and
     * compiled before the first sign-in. Never fails; the real client is not used.
     *
     * @param time   the bound on the rounds after the first
     * @param signIn given the rehearsal's store, one sign-in's calls on it
     * @return the rounds run; 0 when the rehearsal could not run
     */
    public static int rehearse(AwsClientSettings settings, Duration time, String table, Function<CodeStore, Runnable> signIn) {
        return Rehearsal.run("DynamoDB code store", DynamoDbClient.builder(), settings, time,
                DynamoDbConnection::rehearsalAnswer,
                client -> signIn.apply(new DynamoDbConnection(client).codeStore(table, Clock.systemUTC())));
    }

    /** What the rehearsal's loopback answers a code store's call: every request stores, every check consumes. */
    public static Rehearsal.Answer rehearsalAnswer(String operation) {
        return "UpdateItem".equals(operation) ? CONSUMED : STORED;
    }

    public CodeStore codeStore(String table, Clock clock) {
        return new DynamoDbCodeStore(client, table, clock,
                new SendCounters(table, () -> java.util.concurrent.ThreadLocalRandom.current().nextInt(SendCounters.MAX_REALM_SHARDS)));
    }

    public MirrorQueue mirrorQueue(String table) {
        return new DynamoDbMirrorQueue(client, table);
    }

    /** The links between a pool's users and Keycloak users, kept in the mirror's queue table. */
    public PoolLinks poolLinks(String queueTable, String userPoolId) {
        return new DynamoDbPoolLinks(client, queueTable, userPoolId);
    }

    /** The drift repair's progress, kept in the mirror's queue table. */
    public RepairProgressStore repairProgress(String queueTable) {
        return new DynamoDbRepairProgress(client, queueTable);
    }

    @Override
    public void close() {
        client.close();
    }
}

package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.aws.AwsCallListener;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.mirror.MirrorQueue;
import io.emailcode.keycloak.mirror.PoolLinks;
import io.emailcode.keycloak.mirror.RepairProgressStore;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB client for the life of a server, and the stores built on it. Callers outside this package never
 * see an SDK type: they get the domain's {@link CodeStore}, {@link MirrorQueue} and {@link RepairProgressStore}.
 */
public final class DynamoDbConnection implements AutoCloseable {

    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(60);

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

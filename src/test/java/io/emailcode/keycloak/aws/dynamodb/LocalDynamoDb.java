package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.stack.DynamoDbLocal;
import io.emailcode.stack.StackSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB Local process for one test class, with clients built the way the server builds them
 * ({@link AwsClients}) and static test credentials: DynamoDB Local ignores them, but since 2.0 it
 * refuses access key ids that are not plain letters and digits.
 */
final class LocalDynamoDb implements AutoCloseable {

    static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private final DynamoDbLocal server;
    private final List<DynamoDbClient> clients = new CopyOnWriteArrayList<>();

    private LocalDynamoDb(DynamoDbLocal server) {
        this.server = server;
    }

    static LocalDynamoDb start(int port) {
        return new LocalDynamoDb(DynamoDbLocal.start(StackSettings.fromSystemProperties(), port));
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** A client with room for a cold emulator on two cores (its first calls take seconds); closed with this. */
    DynamoDbClient newClient() {
        return newClient(Duration.ofSeconds(10), 2);
    }

    /** A client whose calls give up after {@code attemptTimeout} per attempt; closed with this. */
    DynamoDbClient newClient(Duration attemptTimeout, int maxAttempts) {
        DynamoDbClient client = AwsClients.build(DynamoDbClient.builder(), new AwsClientSettings(Optional.of("us-east-1"),
                Optional.of(endpoint()), attemptTimeout.multipliedBy(maxAttempts), attemptTimeout, maxAttempts));
        clients.add(client);
        return client;
    }

    /** Creates a table the way the server does with table creation switched on. */
    void createCodeTable(DynamoDbClient client, String table) {
        new DynamoDbTableGuard(client, TableSpec.codes(table), "--create-table", TABLE_ACTIVE_TIMEOUT).check(true);
    }

    /** Wraps a client so every API call it makes is recorded by operation name (e.g. {@code updateItem}). */
    static DynamoDbClient recording(DynamoDbClient delegate, List<String> calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("close") && !method.getName().equals("serviceName")) {
                        calls.add(method.getName());
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Stops the emulator but keeps the clients, to see how they behave in an outage. */
    void stopServer() {
        server.close();
    }

    @Override
    public void close() {
        clients.forEach(DynamoDbClient::close);
        server.close();
    }
}

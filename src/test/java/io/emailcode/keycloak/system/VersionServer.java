package io.emailcode.keycloak.system;

import io.emailcode.stack.KeycloakServer;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ProviderOptions;
import io.emailcode.stack.StackSettings;
import java.util.List;

/**
 * Another Keycloak version next to the test stack: a single node from that version's distribution with the same
 * provider JAR and realm export, using the stack's emulators but tables of its own (its mirror's retry task must
 * not pick up the changes the stack's Keycloak queued, and the other way round).
 */
final class VersionServer implements AutoCloseable {

    private final KeycloakServer server;
    private final List<String> tables;
    private final DemoRealm realm;
    private final SeenCodes codes = new SeenCodes();

    private VersionServer(KeycloakServer server, List<String> tables, LocalStack stack) {
        this.server = server;
        this.tables = tables;
        this.realm = new DemoRealm(server.baseUrl(), stack.ses(), codes, List.of(server.baseUrl().getPort() + 10));
    }

    /** @param port its HTTP port; the management port is {@code port + 10} */
    static VersionServer start(LocalStack stack, String version, int port) {
        StackSettings settings = StackSettings.fromSystemProperties();
        List<String> tables = List.of(LocalStack.TABLE + "-" + version, LocalStack.MIRROR_QUEUE_TABLE + "-" + version);
        ProviderOptions provider = ProviderOptions.of(stack.dynamodb().endpoint(), stack.ses().endpoint(),
                stack.cognito().endpoint(), stack.cognito().userPoolId(), stack.dynamodb().endpoint())
                .withTables(tables.get(0), tables.get(1));
        KeycloakServer server = KeycloakServer.startSingleNode(settings, version, settings.workDir().resolve("keycloak-" + version),
                port, port + 10, false, provider.asOptions(), provider.environment(LocalStack.EMULATOR_ENVIRONMENT));
        System.out.println("Keycloak " + version + " started in " + server.startTime().toMillis() + " ms (with augmentation when needed)");
        return new VersionServer(server, tables, stack);
    }

    DemoRealm realm() {
        return realm;
    }

    /** No code read from this server's emails may be in its log or its tables. */
    void assertNothingLeaked(LocalStack stack) {
        SecretsCheck.assertNothingLeaked(List.of(server.log()), stack.dynamodb().endpoint(), tables, codes.all());
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.aws.dynamodb.DynamoDbConnection;
import io.emailcode.keycloak.aws.dynamodb.TableSpec;
import io.emailcode.keycloak.code.BoundedCodeStore;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.flow.SignInRehearsal;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.AwsCallMetrics;
import io.emailcode.keycloak.spi.KeycloakClock;
import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.ProviderProperties;
import io.emailcode.keycloak.spi.ReadyWhenRehearsed;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Builds the DynamoDB client once per server and checks the table before the first sign-in.
 * Options are parsed in {@link #init} (a bad value stops the server with a message naming it);
 * the client is built and the table checked in {@link #postInit}, which only runs in a live server; there, too, the hot
 * path's calls are rehearsed on loopback beside the rest of the start, and the start ends when they are, so the first
 * sign-ins after a start do not load and compile them.
 */
public final class DynamoDbCodeStoreProviderFactory implements CodeStoreProviderFactory {

    private static final Logger LOG = Logger.getLogger(DynamoDbCodeStoreProviderFactory.class);

    private DynamoDbStoreSettings settings;
    private DynamoDbConnection connection;
    private CodeStore store;

    @Override
    public void init(Config.Scope config) {
        settings = DynamoDbStoreSettings.from(new ServerOptions(DynamoDbStoreSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        connection = DynamoDbConnection.open(settings.client(), AwsCallMetrics.createIfAvailable());
        connection.requireTable(TableSpec.codes(settings.table()), settings.createTable(), settings.createTableOption());
        ReadyWhenRehearsed.start(factory, "DynamoDB code store", settings.rehearsal(), () -> DynamoDbConnection.rehearse(
                settings.client(), settings.rehearsal(), settings.table(), rehearsal -> new SignInRehearsal(
                        new BoundedCodeStore(rehearsal, settings.maxCallsInFlight()),
                        StepSettings.DEFAULTS.policy(RealmSettings.DEFAULTS.failures()), RealmSettings.DEFAULTS.abuse())));
        store = new MeasuredCodeStore(new BoundedCodeStore(connection.codeStore(settings.table(), KeycloakClock.INSTANCE),
                settings.maxCallsInFlight()), VerificationMetrics.createIfAvailable());
        factory.register(new AddressForgetting());
        LOG.infof("Email codes are stored in DynamoDB table '%s'%s", settings.table(),
                settings.client().endpoint().map(e -> " at " + e).orElse(""));
    }

    @Override
    public CodeStoreProvider create(KeycloakSession session) {
        CodeStore shared = store;
        return () -> shared;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public String getId() {
        return ProviderIds.DYNAMODB_STORE;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderProperties.of(DynamoDbStoreSettings.options());
    }
}

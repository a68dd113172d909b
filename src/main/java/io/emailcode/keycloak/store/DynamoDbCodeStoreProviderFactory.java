package io.emailcode.keycloak.store;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.aws.ServerOptions;
import io.emailcode.keycloak.code.CodeStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client once per server and checks the table before the first sign-in.
 * Options are parsed in {@link #init} (a bad value stops the server with a message naming it);
 * the client is built and the table checked in {@link #postInit}, which only runs in a live server.
 */
public final class DynamoDbCodeStoreProviderFactory implements CodeStoreProviderFactory {

    public static final String PROVIDER_ID = "dynamodb";
    private static final Logger LOG = Logger.getLogger(DynamoDbCodeStoreProviderFactory.class);
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private DynamoDbStoreSettings settings;
    private DynamoDbClient client;
    private CodeStore store;

    @Override
    public void init(Config.Scope config) {
        settings = DynamoDbStoreSettings.from(new ServerOptions(DynamoDbStoreSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        client = AwsClients.build(DynamoDbClient.builder(), settings.client());
        new DynamoDbTableGuard(client, settings.table(), "--" + DynamoDbStoreSettings.OPTION_PREFIX + "create-table",
                TABLE_ACTIVE_TIMEOUT).check(settings.createTable());
        store = new DynamoDbCodeStore(client, settings.table(), Clock.systemUTC());
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
        if (client != null) {
            client.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder options = ProviderConfigurationBuilder.create()
                .property().name("table").type(ProviderConfigProperty.STRING_TYPE).defaultValue(DynamoDbStoreSettings.DEFAULT_TABLE)
                .helpText("DynamoDB table holding the hashed codes (partition key 'pk' of type S, TTL on 'expires_at').").add()
                .property().name("create-table").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Create the table at start if it is missing. For local development only.").add();
        return AwsClientOptions.describe(options, "DynamoDB", "http://localhost:8000").build();
    }
}

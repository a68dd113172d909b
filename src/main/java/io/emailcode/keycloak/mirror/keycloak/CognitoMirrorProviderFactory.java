package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.aws.AwsClientOptions;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.aws.ServerOptions;
import io.emailcode.keycloak.mirror.Backoff;
import io.emailcode.keycloak.mirror.CognitoUserMirror;
import io.emailcode.keycloak.mirror.DynamoDbMirrorQueue;
import io.emailcode.keycloak.mirror.MirrorMetrics;
import io.emailcode.keycloak.mirror.MirrorReconciler;
import io.emailcode.keycloak.store.DynamoDbTableGuard;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.timer.TimerProvider;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the Cognito and queue clients once per server, checks the queue table, and schedules the retries.
 * Without {@code user-pool-id} the mirror is off and nothing is built.
 */
public final class CognitoMirrorProviderFactory implements MirrorProviderFactory {

    public static final String PROVIDER_ID = "cognito";
    private static final Logger LOG = Logger.getLogger(CognitoMirrorProviderFactory.class);
    /** A freshly recorded change is left this long to the node trying it at once. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(60);
    private static final int ASYNC_THREADS = 2;
    private static final int ASYNC_BACKLOG = 10_000;

    private MirrorServerSettings settings;
    private CognitoIdentityProviderClient cognito;
    private DynamoDbClient dynamodb;
    private ExecutorService executor;
    private MirrorProvider provider = NoMirror.INSTANCE;

    @Override
    public void init(Config.Scope config) {
        settings = MirrorServerSettings.from(new ServerOptions(MirrorServerSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (settings.userPoolId().isEmpty()) {
            LOG.debugf("Cognito mirror is off: --%suser-pool-id is not set", MirrorServerSettings.OPTION_PREFIX);
            return;
        }
        String pool = settings.userPoolId().get();
        cognito = AwsClients.build(CognitoIdentityProviderClient.builder(), settings.cognito());
        dynamodb = AwsClients.build(DynamoDbClient.builder(), settings.queue());
        new DynamoDbTableGuard(dynamodb, settings.queueTable(), "--" + MirrorServerSettings.OPTION_PREFIX + "queue-create-table",
                Duration.ofSeconds(60)).check(settings.createQueueTable());
        executor = newExecutor();
        MirrorMetrics metrics = MicrometerMirrorMetrics.createIfAvailable();
        MirrorReconciler reconciler = new MirrorReconciler(new DynamoDbMirrorQueue(dynamodb, settings.queueTable()),
                new CognitoUserMirror(cognito, pool), new KeycloakUserSource(factory),
                new Backoff(settings.retryBase(), settings.retryMax(), new SecureRandom()::nextDouble),
                Clock.systemUTC(), metrics, IN_FLIGHT_GRACE);
        provider = new CognitoMirror(new CognitoUserMirror(cognito, pool), reconciler, executor);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ScheduledReconcile(factory, reconciler, settings.reconcileInterval()),
                                settings.reconcileInterval().toMillis(), ScheduledReconcile.TASK));
            }
        });
        factory.register(new UserRemovalMirror(provider));
        LOG.infof("Users are mirrored into Cognito user pool %s%s; pending changes in DynamoDB table '%s'", pool,
                settings.cognito().endpoint().map(e -> " at " + e).orElse(""), settings.queueTable());
    }

    private static ExecutorService newExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(ASYNC_THREADS, ASYNC_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(ASYNC_BACKLOG), runnable -> {
                    Thread thread = new Thread(runnable, "cognito-mirror-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public MirrorProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                // Let started calls finish; what does not is still recorded in the queue.
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cognito != null) {
            cognito.close();
        }
        if (dynamodb != null) {
            dynamodb.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder options = ProviderConfigurationBuilder.create()
                .property().name("user-pool-id").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Cognito user pool that follows Keycloak's users. Not set: the mirror is off.").add();
        return AwsClientOptions.describe(options, "Cognito", "http://localhost:9229")
                .property().name("queue-table").type(ProviderConfigProperty.STRING_TYPE).defaultValue(MirrorServerSettings.DEFAULT_QUEUE_TABLE)
                .helpText("DynamoDB table of pending mirror changes (partition key 'pk' of type S).").add()
                .property().name("queue-create-table").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Create the queue table at start if missing. For local development only.").add()
                .property().name("queue-region").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Region of the queue table; defaults to the SDK's region chain.").add()
                .property().name("queue-endpoint").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("DynamoDB endpoint override for the queue table.").add()
                .property().name("retry-base-ms").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5000)
                .helpText("First wait after a failed mirror call; doubles per failure, half of it random.").add()
                .property().name("retry-max-ms").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(900000)
                .helpText("Longest wait between two attempts.").add()
                .property().name("reconcile-interval-ms").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(30000)
                .helpText("How often one node of the cluster retries due changes.").add()
                .build();
    }
}

package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.aws.cognito.CognitoPools;
import io.emailcode.keycloak.aws.dynamodb.DynamoDbConnection;
import io.emailcode.keycloak.aws.dynamodb.TableSpec;
import io.emailcode.keycloak.mirror.Backoff;
import io.emailcode.keycloak.mirror.DriftRepair;
import io.emailcode.keycloak.mirror.LinkedUserPool;
import io.emailcode.keycloak.mirror.MirrorMetrics;
import io.emailcode.keycloak.mirror.MirrorRetryQueue;
import io.emailcode.keycloak.mirror.PoolAbsenceCache;
import io.emailcode.keycloak.mirror.PoolImports;
import io.emailcode.keycloak.mirror.PoolAddress;
import io.emailcode.keycloak.mirror.PoolLinks;
import io.emailcode.keycloak.mirror.Ticker;
import io.emailcode.keycloak.mirror.UserPool;
import io.emailcode.keycloak.settings.ServerOptions;
import io.emailcode.keycloak.spi.AwsCallMetrics;
import io.emailcode.keycloak.spi.KeycloakClock;
import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.ProviderProperties;
import io.emailcode.keycloak.spi.realm.EveryRealmAtStart;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.timer.TimerProvider;

/**
 * Builds the queue client once per server (and a Cognito client per region in use), checks the queue table, and
 * schedules the retries. Each realm's pool comes from its settings ({@link RealmPools}); without {@code enabled} the
 * mirror is off and nothing is built.
 */
public final class CognitoMirrorProviderFactory implements MirrorProviderFactory {

    private static final Logger LOG = Logger.getLogger(CognitoMirrorProviderFactory.class);
    /** A freshly recorded change is left this long to the node trying it at once. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(60);
    private static final int ASYNC_THREADS = 2;
    private static final int ASYNC_BACKLOG = 10_000;
    /** Addresses this node remembers as having no pool user to import. */
    private static final int ABSENCE_CACHE_ENTRIES = 10_000;
    /** A scheduled run whose node saved no progress this long is taken over by another node. */
    private static final Duration REPAIR_TAKEOVER = Duration.ofMinutes(5);

    private final Clock clock = KeycloakClock.INSTANCE;
    private MirrorServerSettings settings;
    private CognitoPools cognito;
    private DynamoDbConnection dynamodb;
    private ExecutorService executor;
    private ExecutorService repairWorker;
    private MirrorProvider provider = NoMirror.INSTANCE;

    @Override
    public void init(Config.Scope config) {
        settings = MirrorServerSettings.from(new ServerOptions(MirrorServerSettings.OPTION_PREFIX, config::get));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (!settings.enabled()) {
            LOG.debugf("Cognito mirror is off: --%s%s is not true", MirrorServerSettings.OPTION_PREFIX,
                    MirrorServerSettings.MIRRORING.key());
            return;
        }
        cognito = new CognitoPools(settings.cognito(), AwsCallMetrics.createIfAvailable());
        dynamodb = DynamoDbConnection.open(settings.queue(), AwsCallMetrics.createIfAvailable());
        dynamodb.requireTable(TableSpec.mirrorQueue(settings.queueTable()), settings.createQueueTable(),
                settings.createQueueTableOption());
        executor = newExecutor(ASYNC_THREADS, ASYNC_BACKLOG, "cognito-mirror-");
        repairWorker = newExecutor(1, 1, "cognito-mirror-repair-");
        MirrorMetrics metrics = MicrometerMirrorMetrics.createIfAvailable();
        RealmPools realmPools = new RealmPools(factory);
        Function<String, UserPool> pools = realmId -> cognito.pool(realmPools.apply(realmId));
        Function<String, UserPool> linked = realmId -> {
            PoolAddress pool = realmPools.apply(realmId);
            return new LinkedUserPool(cognito.pool(pool), dynamodb.poolLinks(settings.queueTable(), pool.poolId()), realmId);
        };
        MirrorRetryQueue retryQueue = new MirrorRetryQueue(dynamodb.mirrorQueue(settings.queueTable()), linked,
                new KeycloakUserSource(factory), new Backoff(settings.retryBase(), settings.retryMax(), new SecureRandom()::nextDouble),
                clock, metrics, IN_FLIGHT_GRACE, new MirrorAlertEvents(factory));
        PoolAbsenceCache absent = new PoolAbsenceCache(ABSENCE_CACHE_ENTRIES);
        Function<String, PoolImports> imports = realmId -> {
            PoolAddress pool = realmPools.apply(realmId);
            return new PoolImports(cognito.pool(pool), dynamodb.poolLinks(settings.queueTable(), pool.poolId()), absent,
                    metrics, clock);
        };
        DriftRepair repair = new DriftRepair(linked, dynamodb.repairProgress(settings.queueTable()), metrics, clock,
                Ticker.SYSTEM, REPAIR_TAKEOVER);
        provider = new CognitoMirror(pools, linked, retryQueue, imports, repair, executor, clock);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    TimerProvider timer = session.getProvider(TimerProvider.class);
                    long interval = settings.reconcileInterval().toMillis();
                    timer.schedule(new ScheduledRetries(factory, retryQueue, settings.reconcileInterval()), interval,
                            ScheduledRetries.TASK);
                    timer.schedule(new ScheduledRepair(factory, repair, repairWorker), interval, ScheduledRepair.TASK);
                });
            }
        });
        factory.register(new UserRemovalMirror(provider));
        factory.register(new EveryRealmAtStart(factory, "check who may edit " + MirroredUsers.SUB_ATTRIBUTE,
                SubAttributeGuard::warnIfUsersCanWrite));
        LOG.infof("Realms may mirror their users into Cognito user pools%s; pending changes in DynamoDB table '%s'",
                settings.cognito().endpoint().map(e -> " at " + e).orElse(""), settings.queueTable());
    }

    private static ExecutorService newExecutor(int size, int backlog, String name) {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(backlog), runnable -> {
                    Thread thread = new Thread(runnable, name + threads.incrementAndGet());
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
        if (repairWorker != null) {
            // A slice in progress stops at its next call; its progress up to the last page is saved.
            repairWorker.shutdownNow();
        }
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
        return ProviderIds.COGNITO_MIRROR;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderProperties.of(MirrorServerSettings.options());
    }
}

package io.emailcode.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The Cognito emulator (npm {@code cognito-local}, pinned in package.json) as a child process on loopback, with one
 * user pool created through the SDK, the way an operator would: in a fresh state directory, or in one kept from an
 * earlier run, whose pool (and its id) is used again. Its config makes usernames plain strings, as in a pool without
 * username attributes on AWS.
 */
public final class CognitoLocal implements AutoCloseable {

    private static final String PACKAGE = "cognito-local";
    /**
     * Calls the product makes that the emulator does not implement (it answers them with HTTP 500): the
     * {@link CountingProxy} in front of it answers them, see {@link #proxy}.
     */
    public static final Set<String> UNIMPLEMENTED_CALLS = Set.of("AdminUserGlobalSignOut");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String CONFIG = "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}";
    /** Names the pool this state directory holds, written when the pool is created. */
    private static final String POOL_ID_FILE = "user-pool-id";

    private final ManagedProcess process;
    private final URI endpoint;
    private final String userPoolId;
    private final Path stateDir;

    private CognitoLocal(ManagedProcess process, URI endpoint, String userPoolId, Path stateDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.userPoolId = userPoolId;
        this.stateDir = stateDir;
    }

    /**
     * @param projectDir where package.json and the node modules are
     * @param workDir    under which the state directory and the log go
     */
    public static CognitoLocal start(Path projectDir, Path workDir, int port) {
        return start(projectDir, workDir, port, freshStateDir(workDir.resolve("cognito-local-" + port)));
    }

    /** With its state in {@code stateDir}: the pool an earlier run kept there is used again, or a new one is made. */
    public static CognitoLocal startWithState(Path projectDir, Path workDir, int port, Path stateDir) {
        return start(projectDir, workDir, port, hasPool(stateDir) ? stateDir : freshStateDir(stateDir));
    }

    /** Whether {@code stateDir} holds the pool an earlier run created. */
    static boolean hasPool(Path stateDir) {
        return poolId(stateDir).map(id -> Files.exists(stateDir.resolve(".cognito").resolve("db").resolve(id + ".json")))
                .orElse(false);
    }

    private static Optional<String> poolId(Path stateDir) {
        try {
            Path file = stateDir.resolve(POOL_ID_FILE);
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static CognitoLocal start(Path projectDir, Path workDir, int port, Path stateDir) {
        if (ManagedProcess.isListening(port)) {
            throw new StackException("Port " + port + " on 127.0.0.1 is already in use; stop what listens there before starting the Cognito emulator.");
        }
        SesEmulator.ensureNodeModules(projectDir, workDir);
        Path cli = projectDir.resolve("node_modules").resolve(PACKAGE).resolve("lib").resolve("bin").resolve("start.js");
        // It reads PORT and HOST (default: localhost, which may resolve to more than loopback) and keeps its
        // state in .cognito under the working directory.
        ManagedProcess process = ManagedProcess.start("Cognito emulator", List.of("node", cli.toString()),
                Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1"), stateDir,
                workDir.resolve("logs").resolve("cognito-local-" + port + ".log"));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            process.awaitHttp(endpoint.resolve("/health"), status -> status == 200, START_TIMEOUT);
            Optional<String> kept = hasPool(stateDir) ? poolId(stateDir) : Optional.empty();
            if (kept.isPresent()) {
                return new CognitoLocal(process, endpoint, kept.get(), stateDir);
            }
            try (CognitoIdentityProviderClient client = client(endpoint)) {
                String poolId = client.createUserPool(b -> b.poolName("keycloak-mirror")).userPool().id();
                Files.writeString(stateDir.resolve(POOL_ID_FILE), poolId);
                return new CognitoLocal(process, endpoint, poolId, stateDir);
            }
        } catch (IOException e) {
            process.close();
            throw new StackException("Could not record the Cognito pool's id in " + stateDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /**
     * A client with the emulator's static credentials (the launcher has no AWS credentials of its own) and
     * without retries: the emulator answers unsupported calls with HTTP 500.
     */
    public static CognitoIdentityProviderClient client(URI endpoint) {
        return CognitoIdentityProviderClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(10))
                        .retryStrategy(b -> b.maxAttempts(1))
                        .build())
                .build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A proxy in front of the emulator that counts calls and answers those it does not implement. */
    public CountingProxy proxy(int port) {
        return CountingProxy.start(port, endpoint).answering(UNIMPLEMENTED_CALLS);
    }

    /** As {@link #proxy(int)}, sharing {@code inFlight} with other proxies in front of this emulator. */
    public CountingProxy proxy(int port, CallsInFlight inFlight) {
        return CountingProxy.start(port, endpoint, inFlight).answering(UNIMPLEMENTED_CALLS);
    }

    public String userPoolId() {
        return userPoolId;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Where the process writes its output. */
    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    private static Path freshStateDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir.resolve(".cognito"));
            Files.writeString(dir.resolve(".cognito").resolve("config.json"), CONFIG);
            return dir;
        } catch (IOException e) {
            throw new StackException("Could not prepare the Cognito emulator's state in " + dir + ": " + e.getMessage(), e);
        }
    }
}

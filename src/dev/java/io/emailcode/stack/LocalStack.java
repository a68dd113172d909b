package io.emailcode.stack;

import io.emailcode.demo.DemoApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole stack on loopback: DynamoDB Local, the SES emulator, Keycloak with the provider, and the demo app.
 * The README's run command and the system tests both start it through here, on different ports.
 * It can be closed from another thread while it starts (Ctrl-C during the first minute): what was started
 * stops, and nothing starts after that.
 */
public final class LocalStack implements AutoCloseable {

    /** Static credentials the emulators accept; real AWS is never reached from the local stack. */
    public static final Map<String, String> EMULATOR_ENVIRONMENT = Map.of(
            "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1");
    public static final String TABLE = "keycloak-email-codes";
    public static final String MIRROR_QUEUE_TABLE = "keycloak-cognito-mirror";

    private final StackPorts ports;
    private final List<AutoCloseable> started = new ArrayList<>();
    private DynamoDbLocal dynamodb;
    private SesEmulator ses;
    private KeycloakServer keycloak;
    private CountingProxy dynamodbProxy;
    private CountingProxy sesProxy;
    private CognitoLocal cognito;
    private CountingProxy cognitoProxy;
    private DemoApp demoApp;
    private boolean closed;
    private StackSettings settings;
    private String name;

    private LocalStack(StackPorts ports) {
        this.ports = ports;
    }

    /**
     * A stack for the tests: Keycloak starts from an empty database and imports the realm every time.
     *
     * @param name       names this stack's Keycloak copy under the work directory, so the demo and the tests never share state
     * @param countCalls put a {@link CountingProxy} between Keycloak and each emulator (ports + 100)
     */
    public static LocalStack start(StackSettings settings, StackPorts ports, String name, boolean countCalls) {
        LocalStack stack = new LocalStack(ports);
        stack.startAll(settings, name, countCalls, false);
        return stack;
    }

    /** Not started yet: {@link #startForDemo} can then be interrupted by {@link #close} from a shutdown hook. */
    public static LocalStack forDemo(StackPorts ports) {
        return new LocalStack(ports);
    }

    /**
     * The run command's stack: Keycloak keeps its database between runs (people, sessions, admin changes)
     * unless the realm export changed, which saves the schema setup and the realm import on every start.
     */
    public void startForDemo(StackSettings settings) {
        startAll(settings, "demo", false, true);
    }

    private void startAll(StackSettings settings, String name, boolean countCalls, boolean keepKeycloakData) {
        this.settings = settings;
        this.name = name;
        try {
            dynamodb = track(DynamoDbLocal.start(settings, ports.dynamodb()));
            ses = track(SesEmulator.start(settings.projectDir(), settings.workDir(), ports.ses()));
            startCognito(settings, countCalls);
            if (countCalls) {
                dynamodbProxy = track(CountingProxy.start(ports.dynamodb() + 100, dynamodb.endpoint()));
                sesProxy = track(CountingProxy.start(ports.ses() + 100, ses.endpoint()));
            }
            keycloak = track(KeycloakServer.start(settings, settings.workDir().resolve("keycloak-" + name),
                    ports.keycloak(), ports.keycloak() + 1000, keepKeycloakData, keycloakOptions(), EMULATOR_ENVIRONMENT));
            demoApp = track(startDemoApp());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private DemoApp startDemoApp() {
        try {
            return DemoApp.start(keycloak.baseUrl(), ports.demoApp());
        } catch (RuntimeException e) {
            throw new StackException("The demo app could not start: " + e.getMessage(), e);
        }
    }

    private void startCognito(StackSettings settings, boolean countCalls) {
        cognito = track(CognitoLocal.start(settings.projectDir(), settings.workDir(), ports.cognito()));
        if (countCalls) {
            cognitoProxy = track(CountingProxy.start(ports.cognito() + 100, cognito.endpoint()));
        }
    }

    /** The mirror's options: SDK retries off (the emulator answers unsupported calls with HTTP 500), quick retries. */
    private List<String> cognitoOptions() {
        return List.of(
                "--spi-cognito-mirror--cognito--user-pool-id=" + cognito.userPoolId(),
                "--spi-cognito-mirror--cognito--endpoint=" + (cognitoProxy != null ? cognitoProxy.endpoint() : cognito.endpoint()),
                "--spi-cognito-mirror--cognito--region=us-east-1",
                "--spi-cognito-mirror--cognito--max-attempts=1",
                "--spi-cognito-mirror--cognito--queue-endpoint=" + dynamodb.endpoint(),
                "--spi-cognito-mirror--cognito--queue-region=us-east-1",
                "--spi-cognito-mirror--cognito--queue-table=" + MIRROR_QUEUE_TABLE,
                "--spi-cognito-mirror--cognito--queue-create-table=true",
                "--spi-cognito-mirror--cognito--retry-base-ms=1000",
                "--spi-cognito-mirror--cognito--retry-max-ms=4000",
                "--spi-cognito-mirror--cognito--reconcile-interval-ms=2000");
    }

    private List<String> keycloakOptions() {
        List<String> options = new ArrayList<>(codeOptions());
        options.addAll(cognitoOptions());
        return options;
    }

    private List<String> codeOptions() {
        return List.of(
                "--spi-email-code-store--dynamodb--endpoint=" + (dynamodbProxy != null ? dynamodbProxy.endpoint() : dynamodb.endpoint()),
                "--spi-email-code-store--dynamodb--region=us-east-1",
                "--spi-email-code-store--dynamodb--table=" + TABLE,
                "--spi-email-code-store--dynamodb--create-table=true",
                "--spi-email-sender--ses--endpoint=" + (sesProxy != null ? sesProxy.endpoint() : ses.endpoint()),
                "--spi-email-sender--ses--region=us-east-1");
    }

    /** Remembers a started component; one that finished starting after {@link #close} is stopped at once. */
    private synchronized <T extends AutoCloseable> T track(T component) {
        if (closed) {
            closeQuietly(component);
            throw new StackException("The local stack was stopped while it started.");
        }
        started.add(component);
        return component;
    }

    /**
     * Stops Keycloak and starts it again with the same options and database (its previous log is kept beside the
     * new one), as a deploy does; the emulators keep running.
     */
    public synchronized Duration restartKeycloak() {
        started.remove(keycloak);
        keycloak.close();
        keycloak = track(KeycloakServer.start(settings, settings.workDir().resolve("keycloak-" + name),
                ports.keycloak(), ports.keycloak() + 1000, true, keycloakOptions(), EMULATOR_ENVIRONMENT));
        return keycloak.startTime();
    }

    public StackPorts ports() {
        return ports;
    }

    public DynamoDbLocal dynamodb() {
        return dynamodb;
    }

    public SesEmulator ses() {
        return ses;
    }

    /** The proxy in front of DynamoDB Local; only when started with {@code countCalls}. */
    public CountingProxy dynamodbProxy() {
        return dynamodbProxy;
    }

    /** The proxy in front of the SES emulator; only when started with {@code countCalls}. */
    public CountingProxy sesProxy() {
        return sesProxy;
    }

    public CognitoLocal cognito() {
        return cognito;
    }

    /** The proxy in front of the Cognito emulator; only when started with {@code countCalls}. */
    public CountingProxy cognitoProxy() {
        return cognitoProxy;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public DemoApp demoApp() {
        return demoApp;
    }

    public Duration keycloakStartTime() {
        return keycloak.startTime();
    }

    /** Stops everything that was started, newest first; one failure does not keep the rest running. */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            System.err.println("Could not stop a stack component: " + e.getMessage());
        }
    }
}

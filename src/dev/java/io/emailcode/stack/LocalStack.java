package io.emailcode.stack;

import io.emailcode.demo.DemoApp;
import java.nio.file.Path;
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
public final class LocalStack implements DemoStack {

    /** Static credentials the emulators accept; real AWS is never reached from the local stack. */
    public static final Map<String, String> EMULATOR_ENVIRONMENT = Map.of(
            "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1");
    public static final String TABLE = "keycloak-email-codes";
    public static final String MIRROR_QUEUE_TABLE = "keycloak-cognito-mirror";
    /**
     * The loopback address the tests' Keycloak trusts {@code X-Forwarded-*} headers from, as a deployment trusts its
     * reverse proxy's; the tests' requests come from 127.0.0.1, whose headers it ignores.
     */
    public static final String TRUSTED_PROXY = "127.0.0.2";

    private final StackPorts ports;
    private final Components started = new Components();
    private DynamoDbLocal dynamodb;
    private SesEmulator ses;
    private KeycloakServer keycloak;
    private CountingProxy dynamodbProxy;
    private CountingProxy sesProxy;
    private CognitoLocal cognito;
    private CountingProxy cognitoProxy;
    private DemoApp demoApp;
    private StackSettings settings;
    private String name;
    private final String demoName;
    private DemoState state;
    private final boolean proxyHeaders;

    private LocalStack(StackPorts ports, String demoName, boolean proxyHeaders) {
        this.ports = ports;
        this.demoName = demoName;
        this.proxyHeaders = proxyHeaders;
    }

    /**
     * A stack for the tests: Keycloak starts from an empty database and imports the realm every time. It trusts
     * {@code X-Forwarded-*} headers from {@link #TRUSTED_PROXY} only ({@code --proxy-headers=xforwarded
     * --proxy-trusted-addresses}), as a deployment trusts its reverse proxy's, so a test can give a request the client
     * address a proxy would report (the budgets per network) while every other request's headers stay ignored; the
     * run command's stack trusts none, as nothing stands in front of it.
     *
     * @param name       names this stack's Keycloak copy under the work directory, so the demo and the tests never share state
     * @param countCalls put a {@link CountingProxy} between Keycloak and DynamoDB and SES (ports + 100); Cognito always
     *                   has one
     */
    public static LocalStack start(StackSettings settings, StackPorts ports, String name, boolean countCalls) {
        LocalStack stack = new LocalStack(ports, name, true);
        stack.startAll(settings, name, countCalls, false);
        return stack;
    }

    /** Not started yet: {@link #startForDemo} can then be interrupted by {@link #close} from a shutdown hook. */
    public static LocalStack forDemo(StackPorts ports) {
        return forDemo(ports, "demo");
    }

    /** As {@link #forDemo(StackPorts)}, with its state under {@code keycloak-<name>} (a test's own, not the demo's). */
    public static LocalStack forDemo(StackPorts ports, String name) {
        return new LocalStack(ports, name, false);
    }

    /**
     * The run command's stack: Keycloak keeps its database between runs (people, sessions, admin changes) and the
     * Cognito emulator its pool beside it ({@link DemoState}), unless the realm export changed or either is missing;
     * then both start fresh. Keeping them saves the schema setup and the realm import on every start.
     */
    @Override
    public void startForDemo(StackSettings settings) {
        startAll(settings, demoName, false, true);
    }

    /** Whether this run found Keycloak's database and the Cognito pool of the last one (only the run command keeps them). */
    public boolean keptFromLastRun() {
        return state != null && state.kept();
    }

    @Override
    public List<Integer> listeningPorts() {
        return List.of(ports.keycloak(), ports.keycloak() + 1000, ports.dynamodb(), ports.ses(), ports.cognito(),
                ports.cognito() + 100, ports.demoApp());
    }

    @Override
    public String startingMessage() {
        return "Starting DynamoDB Local, the SES emulator, Keycloak and the demo app"
                + " (the first start takes a few minutes, later ones less than a minute)...";
    }

    @Override
    public String welcome(Duration startTime) {
        StackPorts p = ports;
        return String.format("""

                %s (%d s; Keycloak took %d s).
                  Demo app         http://localhost:%d
                  Keycloak         http://localhost:%d  (admin console: admin / admin)
                  Email inbox      http://localhost:%d  (the SES emulator: codes arrive here)
                  DynamoDB Local   http://localhost:%d
                  Cognito (local)  http://localhost:%d  (user pool %s)
                %s.
                Next: open http://localhost:%d, press "Sign in", sign in as alice@example.com,
                and read the code at http://localhost:%d. Keycloak's log: %s
                Press Ctrl-C to stop everything.
                %n""", LocalStackMain.READY, startTime.toSeconds(), keycloakStartTime().toSeconds(), p.demoApp(),
                p.keycloak(), p.ses(), p.dynamodb(), p.cognito(), cognito.userPoolId(),
                state == null ? "Started fresh" : state.describe(keycloakHome(), cognito.userPoolId()), p.demoApp(), p.ses(),
                keycloak.log());
    }

    private void startAll(StackSettings settings, String name, boolean countCalls, boolean keepKeycloakData) {
        this.settings = settings;
        this.name = name;
        try {
            if (keepKeycloakData) {
                state = DemoState.prepare(settings, keycloakHome());
            }
            dynamodb = track(DynamoDbLocal.start(settings, ports.dynamodb()));
            ses = track(SesEmulator.start(settings.projectDir(), settings.workDir(), ports.ses()));
            startCognito(settings);
            if (countCalls) {
                dynamodbProxy = track(CountingProxy.start(ports.dynamodb() + 100, dynamodb.endpoint()));
                sesProxy = track(CountingProxy.start(ports.ses() + 100, ses.endpoint()));
            }
            keycloak = track(KeycloakServer.start(settings, keycloakHome(), ports.keycloak(), ports.keycloak() + 1000,
                    keepKeycloakData, keycloakOptions(), keycloakEnvironment()));
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

    private Path keycloakHome() {
        return settings.workDir().resolve("keycloak-" + name);
    }

    private void startCognito(StackSettings settings) {
        cognito = track(state == null ? CognitoLocal.start(settings.projectDir(), settings.workDir(), ports.cognito())
                : CognitoLocal.startWithState(settings.projectDir(), settings.workDir(), ports.cognito(),
                        DemoState.cognitoState(keycloakHome())));
        // Always in front of the emulator, which lacks a call the mirror makes; counted only where the tests read it.
        cognitoProxy = track(cognito.proxy(ports.cognito() + 100));
    }

    private List<String> keycloakOptions() {
        List<String> options = new ArrayList<>(providerOptions().asOptions());
        if (proxyHeaders) {
            options.addAll(List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=" + TRUSTED_PROXY));
        }
        return options;
    }

    private ProviderOptions providerOptions() {
        return ProviderOptions.of(dynamodbProxy != null ? dynamodbProxy.endpoint() : dynamodb.endpoint(),
                sesProxy != null ? sesProxy.endpoint() : ses.endpoint(), cognitoProxy.endpoint(), cognito.userPoolId(),
                dynamodb.endpoint());
    }

    private Map<String, String> keycloakEnvironment() {
        return providerOptions().environment(EMULATOR_ENVIRONMENT);
    }

    private <T extends AutoCloseable> T track(T component) {
        return started.track(component);
    }

    /**
     * Stops Keycloak and starts it again with the same options and database (its previous log is kept beside the
     * new one), as a deploy does; the emulators keep running.
     */
    public synchronized Duration restartKeycloak() {
        started.forget(keycloak);
        keycloak.close();
        keycloak = track(KeycloakServer.start(settings, keycloakHome(), ports.keycloak(), ports.keycloak() + 1000, true,
                keycloakOptions(), keycloakEnvironment()));
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

    /** The proxy in front of the Cognito emulator: it counts calls and answers those the emulator lacks. */
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
    public void close() {
        started.close();
    }
}

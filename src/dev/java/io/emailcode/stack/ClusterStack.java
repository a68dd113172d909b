package io.emailcode.stack;

import io.emailcode.demo.DemoApp;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stack as a cluster: DynamoDB Local, the SES and Cognito emulators, PostgreSQL, two Keycloak nodes that
 * share the database, the code table and the mirror's queue, a round-robin proxy in front of them, and the demo
 * app signing in through the proxy. The run command starts it with {@code -Dstack.cluster=true}; the system tests
 * start the same on their own ports, with a counting proxy between each node and the Cognito emulator.
 */
public final class ClusterStack implements DemoStack {

    private static final Duration PROXY_SEES_NODES = Duration.ofSeconds(30);

    private final ClusterPorts ports;
    private final String name;
    private final Components started = new Components();
    private final Map<String, CountingProxy> cognitoProxies = new LinkedHashMap<>();
    private final CallsInFlight cognitoCalls = new CallsInFlight();
    private DynamoDbLocal dynamodb;
    private SesEmulator ses;
    private CognitoLocal cognito;
    private PostgresServer postgres;
    private RoundRobinProxy proxy;
    private KeycloakCluster keycloak;
    private DemoApp demoApp;
    private Duration startTime = Duration.ZERO;

    private ClusterStack(ClusterPorts ports, String name) {
        this.ports = ports;
        this.name = name;
    }

    /** @param name names the Keycloak homes under the work directory, so the demo and the tests never share them */
    public static ClusterStack create(ClusterPorts ports, String name) {
        return new ClusterStack(ports, name);
    }

    /**
     * Each node reaches the Cognito emulator through a {@link CountingProxy} of its own, which counts its calls and
     * answers the calls the emulator lacks.
     */
    public void start(StackSettings settings) {
        long begun = System.nanoTime();
        try {
            dynamodb = track(DynamoDbLocal.start(settings, ports.dynamodb()));
            ses = track(SesEmulator.start(settings.projectDir(), settings.workDir(), ports.ses()));
            cognito = track(CognitoLocal.start(settings.projectDir(), settings.workDir(), ports.cognito()));
            for (int i = 0; i < ports.nodes().size(); i++) {
                cognitoProxies.put(ports.nodes().get(i).name(),
                        track(cognito.proxy(ports.firstCognitoProxy() + i, cognitoCalls)));
            }
            postgres = track(PostgresServer.start(ports.postgres(), settings.workDir().resolve("logs")));
            proxy = track(RoundRobinProxy.start(ports.proxy(), ports.nodes().stream().map(n -> new RoundRobinProxy.Backend(
                    n.name(), URI.create("http://127.0.0.1:" + n.http()),
                    URI.create("http://127.0.0.1:" + n.management() + "/health/ready"))).toList()));
            ProviderOptions options = ProviderOptions.of(dynamodb.endpoint(), ses.endpoint(), cognito.endpoint(),
                    cognito.userPoolId(), dynamodb.endpoint());
            keycloak = track(KeycloakCluster.prepare(settings, name, ports, postgres, proxy.endpoint().toString(),
                    node -> options.withCognito(cognitoProxies.get(node).endpoint()).asOptions(),
                    options.environment(LocalStack.EMULATOR_ENVIRONMENT)));
            keycloak.start();
            ports.nodes().forEach(n -> proxy.awaitReadiness(n.name(), true, PROXY_SEES_NODES));
            demoApp = track(DemoApp.start(proxy.endpoint(), ports.demoApp()));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        startTime = Duration.ofNanos(System.nanoTime() - begun);
    }

    private <T extends AutoCloseable> T track(T component) {
        return started.track(component);
    }

    @Override
    public void startForDemo(StackSettings settings) {
        start(settings);
    }

    @Override
    public List<Integer> listeningPorts() {
        return ports.listening();
    }

    @Override
    public String startingMessage() {
        return "Starting DynamoDB Local, the SES and Cognito emulators, PostgreSQL, two Keycloak nodes, the round-robin"
                + " proxy and the demo app (the first start takes a few minutes, later ones about two)...";
    }

    @Override
    public String welcome(Duration totalTime) {
        String nodes = keycloak.nodes().stream().map(n -> String.format("    node %s         %s  (ready %s)",
                n.name(), n.baseUrl(), n.readiness())).collect(Collectors.joining("\n"));
        return String.format("""

                %s (%d s; the two Keycloak nodes took %d s).
                  Demo app         http://localhost:%d
                  Keycloak         %s  (admin console: admin / admin), round robin over:
                %s
                  PostgreSQL       127.0.0.1:%d  (database %s, user %s; deleted when the stack stops)
                  Email inbox      http://localhost:%d  (the SES emulator: codes arrive here)
                  DynamoDB Local   http://localhost:%d
                  Cognito (local)  http://localhost:%d  (user pool %s)
                Started fresh, as every cluster run: the database, the tables and the Cognito pool.
                Next: open http://localhost:%d, press "Sign in", sign in as alice@example.com, and read the code at
                http://localhost:%d: the code is requested from one node and checked by the other.
                Keycloak's logs: %s
                Press Ctrl-C to stop everything.
                %n""", LocalStackMain.READY, totalTime.toSeconds(), keycloak.startTime().toSeconds(), ports.demoApp(),
                proxy.endpoint(), nodes, ports.postgres(), PostgresServer.DATABASE, PostgresServer.USER, ports.ses(),
                ports.dynamodb(), ports.cognito(), cognito.userPoolId(), ports.demoApp(), ports.ses(),
                keycloak.logs().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }

    public ClusterPorts ports() {
        return ports;
    }

    public DynamoDbLocal dynamodb() {
        return dynamodb;
    }

    public SesEmulator ses() {
        return ses;
    }

    public CognitoLocal cognito() {
        return cognito;
    }

    /** The counting proxy between one node and the Cognito emulator; only when started with {@code countCalls}. */
    public CountingProxy cognitoProxy(String node) {
        return cognitoProxies.get(node);
    }

    /** How many Cognito calls of all nodes were in flight at once. */
    public CallsInFlight cognitoCalls() {
        return cognitoCalls;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RoundRobinProxy proxy() {
        return proxy;
    }

    public KeycloakCluster keycloak() {
        return keycloak;
    }

    /** From the first emulator's start until the demo app answered. */
    public Duration startTime() {
        return startTime;
    }

    @Override
    public void close() {
        started.close();
    }
}

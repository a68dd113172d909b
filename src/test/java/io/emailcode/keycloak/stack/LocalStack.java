package io.emailcode.keycloak.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole stack on loopback: DynamoDB Local, the SES emulator and Keycloak with the provider.
 * The README's run command and the system tests both start it through here, on different ports.
 */
public final class LocalStack implements AutoCloseable {

    /** Static credentials the emulators accept; real AWS is never reached from the local stack. */
    public static final Map<String, String> EMULATOR_ENVIRONMENT = Map.of(
            "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1");
    public static final String TABLE = "keycloak-email-codes";

    private final StackPorts ports;
    private final List<AutoCloseable> started = new ArrayList<>();
    private DynamoDbLocal dynamodb;
    private SesEmulator ses;
    private KeycloakServer keycloak;
    private CountingProxy dynamodbProxy;
    private CountingProxy sesProxy;
    private CognitoLocal cognito;
    private CountingProxy cognitoProxy;

    private LocalStack(StackPorts ports) {
        this.ports = ports;
    }

    /**
     * @param name       names this stack's Keycloak copy under the work directory, so the demo and the tests never share state
     * @param countCalls put a {@link CountingProxy} between Keycloak and each emulator (ports + 100)
     */
    public static LocalStack start(StackSettings settings, StackPorts ports, String name, boolean countCalls) {
        LocalStack stack = new LocalStack(ports);
        try {
            stack.dynamodb = stack.track(DynamoDbLocal.start(settings, ports.dynamodb()));
            stack.ses = stack.track(SesEmulator.start(settings.projectDir(), settings.workDir(), ports.ses()));
            if (countCalls) {
                stack.dynamodbProxy = stack.track(CountingProxy.start(ports.dynamodb() + 100, stack.dynamodb.endpoint()));
                stack.sesProxy = stack.track(CountingProxy.start(ports.ses() + 100, stack.ses.endpoint()));
            }
            stack.startCognito(settings, countCalls);
            stack.keycloak = stack.track(KeycloakServer.start(settings, settings.workDir().resolve("keycloak-" + name),
                    ports.keycloak(), ports.keycloak() + 1000, stack.keycloakOptions(), EMULATOR_ENVIRONMENT));
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
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

    private <T extends AutoCloseable> T track(T component) {
        started.add(component);
        return component;
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

    public Duration keycloakStartTime() {
        return keycloak.startTime();
    }

    /** Stops everything that was started, newest first; one failure does not keep the rest running. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop a stack component: " + e.getMessage());
            }
        }
        started.clear();
    }
}

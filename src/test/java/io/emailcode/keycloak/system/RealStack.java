package io.emailcode.keycloak.system;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.StackPorts;
import io.emailcode.stack.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The real stack for system tests: Keycloak with the provider, DynamoDB Local and the emulators, behind
 * counting proxies, started once per test JVM on the tests' ports and stopped when the run ends. Test classes
 * get the stack and the demo realm as parameters. Whatever a test or a class changes of the stack's state (step and
 * realm settings, realm flags, the clock, the proxies: {@link StackState}) is put back after it, so no test copies a
 * save-and-restore and no test depends on the order. After every class it checks that no code read by any test
 * so far appears in a log or a table, so the check does not depend on which class runs last. The demo realm's
 * scheduled drift repair is off in the tests' stack; {@code DriftRepairIT} turns it on. When a test fails, it prints
 * Keycloak's latest warnings and errors (login errors name their reason), as CI keeps only the test output.
 */
public final class RealStack implements ParameterResolver, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealStack.class);
    private static final int WARNINGS_SHOWN = 30;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == DemoRealm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == LocalStack.class ? running.stack : running.realm;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(StackState.class, StackState.of(running(context).realm));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(StackState.class, StackState.of(running(context).realm));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restore(context);
        Running running = context.getRoot().getStore(NAMESPACE).get(Running.class, Running.class);
        if (running != null) {
            SecretsCheck.assertNothingLeaked(running.stack, running.codes.all());
        }
    }

    /** Puts back the state taken before this test or class (the store of each context holds its own). */
    private static void restore(ExtensionContext context) {
        StackState before = context.getStore(NAMESPACE).get(StackState.class, StackState.class);
        if (before != null) {
            Running running = running(context);
            before.restore(running.stack, running.realm);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Running running = context.getRoot().getStore(NAMESPACE).get(Running.class, Running.class);
        if (running == null) {
            return;
        }
        try (var lines = Files.lines(running.stack.keycloak().log())) {
            List<String> warnings = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
            System.out.println("Keycloak's last warnings and errors before " + context.getDisplayName() + " failed:");
            warnings.subList(Math.max(0, warnings.size() - WARNINGS_SHOWN), warnings.size())
                    .forEach(line -> System.out.println(line.length() > 600 ? line.substring(0, 600) + "..." : line));
        } catch (IOException | UncheckedIOException e) {
            System.out.println("Keycloak's log could not be read: " + e.getMessage());
        }
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
    }

    /** The one stack of this run; JUnit closes it with the root context, after the last class. */
    private record Running(LocalStack stack, DemoRealm realm, SeenCodes codes) implements ExtensionContext.Store.CloseableResource {

        static Running start() {
            LocalStack stack = LocalStack.start(StackSettings.fromSystemProperties(), StackPorts.tests(), "tests", true);
            System.out.println("Keycloak start inside the tests took " + stack.keycloakStartTime().toMillis() + " ms");
            SeenCodes codes = new SeenCodes();
            DemoRealm realm = new DemoRealm(stack, codes);
            // The drift repair runs only where a test asks for it: tests that move Keycloak's clock by a day would
            // otherwise start one that other tests' Cognito call counts then see.
            realm.admin().updateRealmSettings(java.util.Map.of("mirror.repair.hours", "0"));
            // The demo realm asks every unverified account to verify its address; the tests that are about that turn
            // it on, so the attacks that set up an unverified account (Keycloak's registration page) stay possible.
            realm.admin().updateRealm(RealmAdmin.JSON.createObjectNode().put("verifyEmail", false));
            return new Running(stack, realm, codes);
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}

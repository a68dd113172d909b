package io.emailcode.keycloak.system;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.StackPorts;
import io.emailcode.stack.StackSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real stack for system tests: Keycloak with the provider, DynamoDB Local and the emulators, behind
 * counting proxies, started once per test JVM on the tests' ports and stopped when the run ends. Test classes
 * get the stack and the demo realm as parameters. After every class it checks that no code read by any test
 * so far appears in a log or a table, so the check does not depend on which class runs last. The demo realm's
 * scheduled drift repair is off in the tests' stack; {@code DriftRepairIT} turns it on.
 */
public final class RealStack implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealStack.class);

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
    public void afterAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE).get(Running.class, Running.class);
        if (running != null) {
            SecretsCheck.assertNothingLeaked(running.stack, running.codes.all());
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
            return new Running(stack, realm, codes);
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}

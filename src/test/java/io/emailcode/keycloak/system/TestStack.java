package io.emailcode.keycloak.system;

import io.emailcode.keycloak.stack.LocalStack;
import io.emailcode.keycloak.stack.StackPorts;
import io.emailcode.keycloak.stack.StackSettings;

/** One stack per test JVM, started on first use on the tests' ports and stopped when the JVM exits. */
final class TestStack {

    private static LocalStack stack;

    private TestStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start(StackSettings.fromSystemProperties(), StackPorts.tests(), "tests", true);
            System.out.println("Keycloak start inside the tests took " + stack.keycloakStartTime().toMillis() + " ms");
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-stack-shutdown"));
        }
        return stack;
    }
}

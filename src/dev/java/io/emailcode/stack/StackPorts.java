package io.emailcode.stack;

/**
 * Loopback ports of one stack. The demo and the tests use different sets so both can run at once; the tests'
 * set starts at {@code stack.portBase} (default 18000), so two builds on one machine can each have their own.
 */
public record StackPorts(int keycloak, int dynamodb, int ses, int cognito, int demoApp) {

    private static final int DEFAULT_TEST_BASE = 18000;

    /** The README's ports. */
    public static StackPorts demo() {
        return new StackPorts(8080, 8000, 8005, 9229, 8090);
    }

    /** The system tests' ports; Keycloak's management port is {@code keycloak + 1000}, proxies add 100. */
    public static StackPorts tests() {
        return fromBase(Integer.getInteger("stack.portBase", DEFAULT_TEST_BASE));
    }

    static StackPorts fromBase(int base) {
        return new StackPorts(base + 80, base, base + 5, base + 1229, base + 90);
    }
}

package io.emailcode.keycloak.stack;

/** Loopback ports of one stack. The demo and the tests use different sets so both can run at once. */
public record StackPorts(int keycloak, int dynamodb, int ses, int cognito, int demoApp) {

    /** The README's ports. */
    public static StackPorts demo() {
        return new StackPorts(8080, 8000, 8005, 9229, 8090);
    }

    /** The system tests' ports. */
    public static StackPorts tests() {
        return new StackPorts(18080, 18000, 18005, 19229, 18090);
    }
}

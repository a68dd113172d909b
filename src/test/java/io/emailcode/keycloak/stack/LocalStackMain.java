package io.emailcode.keycloak.stack;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: starts the demo stack in the foreground until Ctrl-C or SIGTERM,
 * which stop every process it started. Problems a person can fix are one sentence, not a stack trace.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackPorts ports = StackPorts.demo();
        LocalStack stack;
        try {
            requireFreePorts(ports);
            System.out.println("Starting DynamoDB Local, the SES emulator and Keycloak (the first start takes a minute)...");
            stack = LocalStack.start(StackSettings.fromSystemProperties(), ports, "demo", false);
        } catch (StackException e) {
            System.err.println("Could not start the local stack: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        printWelcome(stack);
        stopped.await();
    }

    private static void requireFreePorts(StackPorts ports) {
        for (int port : List.of(ports.keycloak(), ports.keycloak() + 1000, ports.dynamodb(), ports.ses(), ports.cognito())) {
            if (ManagedProcess.isListening(port)) {
                throw new StackException("port " + port + " is already in use on this machine; stop what uses it and try again.");
            }
        }
    }

    private static void printWelcome(LocalStack stack) {
        StackPorts p = stack.ports();
        System.out.printf("""

                Local stack is ready (Keycloak started in %d s).
                  Keycloak         http://localhost:%d  (admin console: admin / admin)
                  Demo realm       http://localhost:%d/realms/demo/account
                  Email inbox      http://localhost:%d  (the SES emulator: codes arrive here)
                  DynamoDB Local   http://localhost:%d
                  Cognito (local)  http://localhost:%d  (user pool %s)
                Sign in as alice@example.com at the demo realm's account page, read the code in the inbox.
                Press Ctrl-C to stop everything.
                %n""", stack.keycloakStartTime().toSeconds(), p.keycloak(), p.keycloak(), p.ses(), p.dynamodb(),
                p.cognito(), stack.cognito().userPoolId());
    }
}

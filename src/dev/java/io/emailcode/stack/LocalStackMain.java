package io.emailcode.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The README's run command: starts the demo stack in the foreground until Ctrl-C or SIGTERM, which stop
 * every process it started, also while it is still starting. Problems a person can fix are one sentence,
 * not a stack trace.
 */
public final class LocalStackMain {

    /** Printed once everything answers; the smoke test waits for it. */
    public static final String READY = "Local stack is ready";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        StackPorts ports = StackPorts.demo();
        LocalStack stack = LocalStack.forDemo(ports);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("Stopping the local stack...");
            stack.close();
            stopChildProcesses();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            requireFreePorts(ports);
            System.out.println("Starting DynamoDB Local, the SES emulator, Keycloak and the demo app"
                    + " (the first start takes a few minutes, later ones less than a minute)...");
            stack.startForDemo(StackSettings.fromSystemProperties());
        } catch (RuntimeException e) {
            if (stopping.get()) {
                // Ctrl-C while starting: the shutdown hook stops what was started; exiting here would block it.
                stopped.await(1, TimeUnit.MINUTES);
                return;
            }
            String reason = e instanceof StackException ? e.getMessage() : e.toString();
            System.err.println("Could not start the local stack: " + reason);
            System.exit(1);
            return;
        }
        printWelcome(stack, Duration.ofNanos(System.nanoTime() - started));
        stopped.await();
    }

    private static void requireFreePorts(StackPorts ports) {
        for (int port : List.of(ports.keycloak(), ports.keycloak() + 1000, ports.dynamodb(), ports.ses(), ports.cognito(),
                ports.demoApp())) {
            if (ManagedProcess.isListening(port)) {
                throw new StackException("port " + port + " is already in use on this machine (another stack?);"
                        + " stop what listens there and try again.");
            }
        }
    }

    /** Anything still running that this JVM started, e.g. a Keycloak build interrupted by Ctrl-C. */
    private static void stopChildProcesses() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    private static void printWelcome(LocalStack stack, Duration startTime) {
        StackPorts p = stack.ports();
        System.out.printf("""

                %s (%d s; Keycloak took %d s).
                  Demo app         http://localhost:%d
                  Keycloak         http://localhost:%d  (admin console: admin / admin)
                  Email inbox      http://localhost:%d  (the SES emulator: codes arrive here)
                  DynamoDB Local   http://localhost:%d
                  Cognito (local)  http://localhost:%d  (user pool %s)
                Next: open http://localhost:%d, press "Sign in", sign in as alice@example.com,
                and read the code at http://localhost:%d. Keycloak's log: %s
                Press Ctrl-C to stop everything.
                %n""", READY, startTime.toSeconds(), stack.keycloakStartTime().toSeconds(), p.demoApp(), p.keycloak(),
                p.ses(), p.dynamodb(), p.cognito(), stack.cognito().userPoolId(), p.demoApp(), p.ses(), stack.keycloak().log());
    }
}

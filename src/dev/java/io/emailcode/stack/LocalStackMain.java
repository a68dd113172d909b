package io.emailcode.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The README's run command: starts the demo stack in the foreground until Ctrl-C or SIGTERM, which stop
 * every process it started, also while it is still starting. Problems a person can fix are one sentence,
 * not a stack trace. With {@code -Dstack.cluster=true} the stack is a two-node cluster on PostgreSQL behind a
 * round-robin proxy on the same port.
 */
public final class LocalStackMain {

    /** Printed once everything answers; the smoke test waits for it. */
    public static final String READY = "Local stack is ready";
    /** The switch from one Keycloak node to two behind the round-robin proxy. */
    public static final String CLUSTER_PROPERTY = "stack.cluster";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        DemoStack stack = demoStack(Boolean.getBoolean(CLUSTER_PROPERTY));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                System.out.println("Stopping the local stack...");
            } catch (RuntimeException e) {
                // Maven's console stream can throw at shutdown (its ANSI parser failed on a split escape sequence):
                // stopping must not depend on being able to say so.
            }
            try {
                stack.close();
                stopChildProcesses();
            } finally {
                stopped.countDown();
            }
        }, "local-stack-shutdown"));
        try {
            requireFreePorts(stack.listeningPorts());
            System.out.println(stack.startingMessage());
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
        System.out.print(stack.welcome(Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    /** The README's stack on the README's ports: one Keycloak node, or the cluster. */
    static DemoStack demoStack(boolean cluster) {
        return cluster ? ClusterStack.create(ClusterPorts.demo(), "cluster-demo") : LocalStack.forDemo(StackPorts.demo());
    }

    private static void requireFreePorts(List<Integer> ports) {
        for (int port : ports) {
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
}

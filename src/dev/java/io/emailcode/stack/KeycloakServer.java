package io.emailcode.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Keycloak process from a prepared {@link KeycloakHome}, on loopback, started with {@code start --optimized}
 * and waited for until its management port reports it ready. Keycloak runs on the JDK that runs this code.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /**
     * The JIT's first tier only: on two cores, augmentation and start take about half as long, and the local
     * stack serves far too little traffic to miss the optimising compiler.
     */
    private static final String QUICK_START_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1";

    private final ManagedProcess process;
    private final URI baseUrl;
    private final Duration startTime;
    private final Path home;

    private KeycloakServer(ManagedProcess process, URI baseUrl, Duration startTime, Path home) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startTime = startTime;
        this.home = home;
    }

    /**
     * A single node of the project's Keycloak version on its own file database, without a cluster.
     *
     * @param home         where this instance's copy of the distribution lives (one per stack: demo, tests)
     * @param keepData     keep the database of the last run unless the realm export changed; otherwise start empty
     * @param extraOptions runtime options, e.g. endpoints of the emulators
     * @param environment  environment of the server process, e.g. AWS credentials for the emulators
     */
    public static KeycloakServer start(StackSettings settings, Path home, int port, int managementPort, boolean keepData,
                                       List<String> extraOptions, Map<String, String> environment) {
        return startSingleNode(settings, settings.keycloakVersion(), home, port, managementPort, keepData, extraOptions, environment);
    }

    /** As {@link #start}, for any Keycloak version whose distribution the build fetched (see {@link StackSettings#distribution}). */
    public static KeycloakServer startSingleNode(StackSettings settings, String version, Path home, int port, int managementPort,
                                                 boolean keepData, List<String> extraOptions, Map<String, String> environment) {
        long started = System.nanoTime();
        KeycloakHome prepared = KeycloakHome.prepare(settings, settings.distribution(version), home,
                KeycloakHome.SINGLE_NODE_BUILD, keepData);
        List<String> options = new ArrayList<>(List.of("--hostname-strict=false", "--cache=local", "--import-realm"));
        options.addAll(extraOptions);
        Map<String, String> env = settings.keycloakJavaOptions().map(jvm -> withJavaOptions(environment, jvm))
                .orElseGet(() -> environment(environment, ""));
        return launch(prepared, port, managementPort, options, env, freshLog(home), started);
    }

    /**
     * Starts {@code kc.sh start --optimized} from a prepared home with the HTTP and management ports on
     * 127.0.0.1 and the given options, and waits until it is ready.
     *
     * @param started {@link System#nanoTime()} when preparing this start began, for {@link #startTime()}
     */
    static KeycloakServer launch(KeycloakHome home, int port, int managementPort, List<String> options,
                                 Map<String, String> environment, Path log, long started) {
        List<String> command = new ArrayList<>(List.of(home.script().toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort));
        command.addAll(options);
        Map<String, String> env = new HashMap<>(environment);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        ManagedProcess process = ManagedProcess.start("Keycloak", command, env, home.dir(), log);
        try {
            process.awaitHttp(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), s -> s == 200, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new KeycloakServer(process, URI.create("http://localhost:" + port), Duration.ofNanos(System.nanoTime() - started),
                home.dir());
    }

    /**
     * The environment of {@code kc.sh}: the given variables, the JDK that runs this code (kc.sh looks for Java
     * through JAVA_HOME, then the PATH) and the quick-start JVM options plus {@code javaOptions}.
     */
    static Map<String, String> environment(Map<String, String> environment, String javaOptions) {
        return withJavaOptions(environment, QUICK_START_JAVA_OPTIONS + " " + javaOptions);
    }

    /** As {@link #environment}, with exactly these JVM options and not the quick-start ones. */
    private static Map<String, String> withJavaOptions(Map<String, String> environment, String javaOptions) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS_APPEND", javaOptions.strip());
        return env;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The process id of Keycloak's JVM: {@code kc.sh} runs it as its child, so this is what the OS counts Keycloak's
     * CPU time and memory against.
     */
    public long javaPid() {
        return process.descendants().stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new StackException("Keycloak's JVM is not running under " + process.pid()));
    }

    public Path log() {
        return process.log();
    }

    /** The installation this server runs from, with the distribution's other scripts ({@code bin/kcadm.sh}). */
    public Path home() {
        return home;
    }

    /** Every log of this home: the current one and those of earlier starts ({@code keycloak-<n>.log}). */
    public List<Path> logs() {
        try (Stream<Path> files = Files.list(process.log().getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("keycloak(-\\d+)?\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new StackException("Could not list Keycloak's logs", e);
        }
    }

    /** Where a start logs; the log of an earlier start of the same home is kept as {@code keycloak-<n>.log}. */
    private static Path freshLog(Path home) {
        Path log = home.resolve("keycloak.log");
        try {
            for (int n = 1; Files.exists(log); n++) {
                Path kept = home.resolve("keycloak-" + n + ".log");
                if (!Files.exists(kept)) {
                    Files.move(log, kept);
                }
            }
            return log;
        } catch (IOException e) {
            throw new StackException("Could not keep the previous Keycloak log in " + home, e);
        }
    }

    /** From the call to start until ready, including unpacking and augmentation when they were needed. */
    public Duration startTime() {
        return startTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the node vanishes as if its machine died. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM: Keycloak's graceful shutdown (its shutdown delay, then in-flight requests finish). */
    @Override
    public void close() {
        process.close();
    }
}

package io.emailcode.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Keycloak node of a {@link KeycloakCluster}, which can be stopped, killed and started again on the same
 * ports and home. Each start writes a log of its own ({@code keycloak.log}, {@code keycloak-2.log}, ...), so
 * nothing a stopped process wrote is lost.
 */
public final class ClusterNode {

    private final ClusterPorts.NodePorts ports;
    private final KeycloakHome home;
    private final List<String> options;
    private final Map<String, String> environment;
    private final List<Path> logs = new ArrayList<>();
    private KeycloakServer server;
    private Duration lastStartTime = Duration.ZERO;

    ClusterNode(ClusterPorts.NodePorts ports, KeycloakHome home, List<String> options, Map<String, String> environment) {
        this.ports = ports;
        this.home = home;
        this.options = List.copyOf(options);
        this.environment = Map.copyOf(environment);
    }

    public String name() {
        return ports.name();
    }

    /** The node itself, bypassing the proxy (e.g. to ask each node what its cache holds). */
    public URI baseUrl() {
        return URI.create("http://localhost:" + ports.http());
    }

    public URI readiness() {
        return URI.create("http://127.0.0.1:" + ports.management() + "/health/ready");
    }

    /** Starts the node and waits until it is ready, which includes joining the cluster. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("node " + name() + " is already running");
        }
        long started = System.nanoTime();
        Path log = home.dir().resolve(logs.isEmpty() ? "keycloak.log" : "keycloak-" + (logs.size() + 1) + ".log");
        logs.add(log);
        server = KeycloakServer.launch(home, ports.http(), ports.management(), options, environment, log, started);
        lastStartTime = server.startTime();
    }

    /** SIGTERM and wait: Keycloak reports itself not ready, finishes what is in flight and leaves the cluster. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** SIGKILL: the node vanishes mid-work, as if its machine died. */
    public synchronized void kill() {
        if (server != null) {
            server.kill();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    public synchronized Duration lastStartTime() {
        return lastStartTime;
    }

    public synchronized List<Path> logs() {
        return List.copyOf(logs);
    }
}

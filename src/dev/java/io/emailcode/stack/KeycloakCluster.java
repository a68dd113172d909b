package io.emailcode.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Two Keycloak nodes on loopback that form one cluster, as production runs them: one PostgreSQL database,
 * Infinispan embedded with its default {@code jdbc-ping} discovery (the nodes find each other through the
 * database) bound to 127.0.0.1, authentication sessions shared between the nodes, and the public URL of the
 * proxy in front of them as their hostname. One augmented home ({@code --db=postgres}) serves every node
 * through hard-linked copies.
 */
public final class KeycloakCluster implements AutoCloseable {

    private final List<ClusterNode> nodes;
    private Duration startTime = Duration.ZERO;

    private KeycloakCluster(List<ClusterNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * Prepares the homes; starts nothing.
     *
     * @param name            names the homes under the work directory ({@code keycloak-<name>}, {@code -a}, {@code -b})
     * @param providerOptions the provider's options for each node, by node name
     * @param publicUrl       the URL browsers use (the proxy's)
     */
    public static KeycloakCluster prepare(StackSettings settings, String name, ClusterPorts ports, PostgresServer database,
                                          String publicUrl, Function<String, List<String>> providerOptions,
                                          Map<String, String> environment) {
        Path base = settings.workDir().resolve("keycloak-" + name);
        KeycloakHome home = KeycloakHome.prepare(settings, settings.distribution(settings.keycloakVersion()), base,
                KeycloakHome.CLUSTER_BUILD, false);
        Map<String, String> env = new HashMap<>(environment);
        env.put("KC_DB_PASSWORD", PostgresServer.PASSWORD);
        List<ClusterNode> nodes = new ArrayList<>();
        for (ClusterPorts.NodePorts node : ports.nodes()) {
            List<String> options = new ArrayList<>(List.of(
                    "--hostname=" + publicUrl, "--proxy-headers=xforwarded",
                    "--cache=ispn", "--cache-stack=jdbc-ping",
                    "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + node.cluster(),
                    "--db-url=" + database.jdbcUrl(), "--db-username=" + PostgresServer.USER,
                    // Long enough for the proxy's health check to stop sending requests before the node stops.
                    "--shutdown-delay=2s", "--shutdown-timeout=15s",
                    "--import-realm"));
            options.addAll(providerOptions.apply(node.name()));
            Map<String, String> nodeEnv = KeycloakServer.environment(env,
                    "-Djgroups.fd.port-offset=" + ports.failureDetectionOffset());
            KeycloakHome nodeHome = home.linkedCopy(settings.workDir().resolve("keycloak-" + name + "-" + node.name()));
            nodes.add(new ClusterNode(node, nodeHome, options, nodeEnv));
        }
        return new KeycloakCluster(List.copyOf(nodes));
    }

    /**
     * Starts the nodes one after the other: the first creates the schema and imports the realm, the next joins
     * it (starting both at once on two cores is not faster, and both would race to import the realm).
     */
    public void start() {
        long started = System.nanoTime();
        nodes.forEach(ClusterNode::start);
        startTime = Duration.ofNanos(System.nanoTime() - started);
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    public ClusterNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    /** From the first node's start until the last one was ready. */
    public Duration startTime() {
        return startTime;
    }

    /** Every log any node wrote, over all its starts. */
    public List<Path> logs() {
        return nodes.stream().flatMap(n -> n.logs().stream()).toList();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
    }
}

package io.emailcode.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports of a two-node cluster stack: the round-robin proxy browsers use, each node's HTTP, management
 * and cluster (JGroups) ports, PostgreSQL, the emulators and a counting proxy per node in front of
 * the Cognito emulator. JGroups' failure detection listens at the cluster port plus {@code failureDetectionOffset}.
 */
public record ClusterPorts(int proxy, List<NodePorts> nodes, int failureDetectionOffset, int postgres, int dynamodb,
                           int ses, int cognito, int firstCognitoProxy, int demoApp) {

    /** @param cluster the node's JGroups port (Infinispan's transport between the nodes) */
    public record NodePorts(String name, int http, int management, int cluster) {
    }

    private static final List<String> NAMES = List.of("a", "b");

    /** The README's ports: Keycloak (through the proxy) on 8080 as without the cluster, the emulators as usual. */
    public static ClusterPorts demo() {
        return new ClusterPorts(8080, nodes(8081, 9081, 7800), 50_000, 8070, 8000, 8005, 9229, 9329, 8090);
    }

    /** The system tests' cluster, in the block 400-499 above {@code stack.portBase}, clear of the single-node stack. */
    public static ClusterPorts tests() {
        int base = Integer.getInteger("stack.portBase", 18000);
        return new ClusterPorts(base + 430, nodes(base + 431, base + 441, base + 451), 10, base + 420, base + 400,
                base + 405, base + 410, base + 411, base + 490);
    }

    private static List<NodePorts> nodes(int http, int management, int cluster) {
        List<NodePorts> nodes = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            nodes.add(new NodePorts(NAMES.get(i), http + i, management + i, cluster + i));
        }
        return List.copyOf(nodes);
    }

    /** Every port something of this stack listens on, for a check that they are free before starting. */
    public List<Integer> listening() {
        List<Integer> ports = new ArrayList<>(List.of(proxy, postgres, dynamodb, ses, cognito, demoApp));
        nodes.forEach(n -> ports.addAll(List.of(n.http(), n.management(), n.cluster(), n.cluster() + failureDetectionOffset)));
        for (int i = 0; i < nodes.size(); i++) {
            ports.add(firstCognitoProxy + i);
        }
        return ports;
    }
}

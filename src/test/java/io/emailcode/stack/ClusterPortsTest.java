package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the cluster listens: the README's ports for the run command's switch, a block of their own in the tests. */
class ClusterPortsTest {

    @Test
    void theClusterSwitchServesKeycloakWhereTheSingleNodeDoes() {
        StackPorts single = StackPorts.demo();
        DemoStack cluster = LocalStackMain.demoStack(true);
        ClusterPorts ports = ClusterPorts.demo();

        assertInstanceOf(ClusterStack.class, cluster);
        assertInstanceOf(LocalStack.class, LocalStackMain.demoStack(false));
        assertEquals(single.keycloak(), ports.proxy(), "browsers reach the cluster on the usual port");
        assertEquals(List.of(single.dynamodb(), single.ses(), single.cognito(), single.demoApp()),
                List.of(ports.dynamodb(), ports.ses(), ports.cognito(), ports.demoApp()));
        assertTrue(cluster.listeningPorts().containsAll(List.of(8080, 8081, 8082, 9081, 9082, 7800, 7801, 8070)),
                cluster.listeningPorts()::toString);
    }

    @Test
    void everyPortOfTheClusterIsDistinct() {
        for (ClusterPorts ports : List.of(ClusterPorts.demo(), ClusterPorts.tests())) {
            List<Integer> listening = ports.listening();
            assertEquals(listening.size(), new HashSet<>(listening).size(), listening::toString);
        }
    }

    @Test
    void theTestClusterStaysInItsBlockClearOfTheSingleNodeTestStack() {
        int base = Integer.getInteger("stack.portBase", 18000);
        ClusterPorts cluster = ClusterPorts.tests();
        StackPorts single = StackPorts.tests();
        Set<Integer> singleNode = new HashSet<>(List.of(single.keycloak(), single.keycloak() + 1000, single.dynamodb(),
                single.dynamodb() + 100, single.ses(), single.ses() + 100, single.cognito(), single.cognito() + 100,
                single.demoApp()));
        List<Integer> ours = new java.util.ArrayList<>(cluster.listening());
        ours.addAll(List.of(cluster.firstCognitoProxy(), cluster.firstCognitoProxy() + 1));

        for (int port : ours) {
            assertTrue(port >= base + 400 && port < base + 500, port + " outside the cluster's block above " + base);
            assertTrue(!singleNode.contains(port), port + " is the single-node test stack's");
        }
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.stack.ClusterNode;
import io.emailcode.stack.ClusterStack;
import io.emailcode.stack.RoundRobinProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the cluster tests need to see of the cluster: which node served a request, each node's own view of the
 * realm's settings, and nodes that a test stopped or killed brought back.
 */
final class ClusterView {

    private static final Duration SETTINGS_SPREAD = Duration.ofSeconds(15);
    private static final Duration PROXY_NOTICES = Duration.ofSeconds(15);

    private final ClusterStack cluster;

    ClusterView(ClusterStack cluster) {
        this.cluster = cluster;
    }

    /** The node that served the newest request through the proxy. */
    String lastServedBy() {
        List<RoundRobinProxy.Exchange> history = cluster.proxy().history();
        return history.get(history.size() - 1).backend();
    }

    /** The admin API of one node, bypassing the proxy. */
    RealmAdmin adminOf(String node) {
        return new RealmAdmin(cluster.keycloak().node(node).baseUrl(), DemoRealm.NAME);
    }

    /**
     * Changes settings of the realm's "Email code" step through the proxy, and waits until every node's realm
     * cache has them, so the next request sees them whichever node serves it. Returns the previous settings.
     */
    Map<String, String> changeStepSettings(RealmAdmin admin, Map<String, String> changes) {
        Map<String, String> previous = admin.updateStepConfig(DemoRealm.FLOW, changes);
        for (ClusterNode node : cluster.keycloak().nodes()) {
            Await.condition("node " + node.name() + " to see the step settings " + changes, SETTINGS_SPREAD,
                    () -> adminOf(node.name()).stepConfig(DemoRealm.FLOW).entrySet().containsAll(changes.entrySet()));
        }
        return previous;
    }

    /** As {@link #changeStepSettings}, for the realm's settings. */
    Map<String, String> changeRealmSettings(RealmAdmin admin, Map<String, String> changes) {
        Map<String, String> previous = admin.updateRealmSettings(changes);
        for (ClusterNode node : cluster.keycloak().nodes()) {
            Await.condition("node " + node.name() + " to see the realm settings " + changes, SETTINGS_SPREAD,
                    () -> adminOf(node.name()).realmSettings().entrySet().containsAll(changes.entrySet()));
        }
        return previous;
    }

    /** Kills a node and waits until the proxy has noticed, as a load balancer's health check would. */
    void kill(String node) {
        cluster.keycloak().node(node).kill();
        cluster.proxy().awaitReadiness(node, false, PROXY_NOTICES);
    }

    /** Stops a node gracefully; the proxy has stopped sending it requests before it stops serving them. */
    void stop(String node) {
        cluster.keycloak().node(node).stop();
        cluster.proxy().awaitReadiness(node, false, PROXY_NOTICES);
    }

    void start(String node) {
        cluster.keycloak().node(node).start();
        cluster.proxy().awaitReadiness(node, true, PROXY_NOTICES);
    }

    /** Starts every node a test left stopped or killed, and puts the Cognito proxies back to normal. */
    void restore() {
        for (ClusterNode node : cluster.keycloak().nodes()) {
            if (!node.isRunning()) {
                node.stop(); // forget a killed process
                start(node.name());
            }
            cluster.cognitoProxy(node.name()).setDown(false);
            cluster.cognitoProxy(node.name()).setLatency(Duration.ZERO);
        }
    }
}

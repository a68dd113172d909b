package io.emailcode.keycloak.system;

import io.emailcode.stack.ClusterPorts;
import io.emailcode.stack.ClusterStack;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.StackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real cluster for system tests: two Keycloak nodes on PostgreSQL behind the round-robin proxy, with
 * DynamoDB Local and the emulators of its own, started once per test JVM on the tests' cluster ports (see
 * {@link ClusterPorts#tests()}) and stopped when the run ends. Test classes get the cluster and the demo realm
 * (reached through the proxy) as parameters; after every class no code a test read may appear in any node's
 * log, the emulators' logs or a table.
 */
public final class RealCluster implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ClusterStack.class || type == DemoRealm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == ClusterStack.class ? running.cluster : running.realm;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE).get(Running.class, Running.class);
        if (running != null) {
            List<Path> logs = new ArrayList<>(running.cluster.keycloak().logs());
            logs.add(running.cluster.dynamodb().log());
            logs.add(running.cluster.cognito().log());
            logs.add(running.cluster.postgres().log());
            SecretsCheck.assertNothingLeaked(logs, running.cluster.dynamodb().endpoint(),
                    List.of(LocalStack.TABLE, LocalStack.MIRROR_QUEUE_TABLE), running.codes.all());
        }
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
    }

    /** The one cluster of this run; JUnit closes it with the root context, after the last class. */
    private record Running(ClusterStack cluster, DemoRealm realm, SeenCodes codes)
            implements ExtensionContext.Store.CloseableResource {

        static Running start() {
            ClusterStack cluster = ClusterStack.create(ClusterPorts.tests(), "cluster-tests");
            cluster.start(StackSettings.fromSystemProperties());
            System.out.printf("Cluster stack started in %d ms (the two Keycloak nodes, one after the other: %d ms;"
                    + " node a %d ms, node b %d ms)%n", cluster.startTime().toMillis(), cluster.keycloak().startTime().toMillis(),
                    cluster.keycloak().node("a").lastStartTime().toMillis(), cluster.keycloak().node("b").lastStartTime().toMillis());
            System.out.print(cluster.welcome(cluster.startTime())); // what the run command prints with -Dstack.cluster=true
            SeenCodes codes = new SeenCodes();
            return new Running(cluster, new DemoRealm(cluster.proxy().endpoint(), cluster.ses(), codes,
                    cluster.ports().nodes().stream().map(ClusterPorts.NodePorts::management).toList()), codes);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}

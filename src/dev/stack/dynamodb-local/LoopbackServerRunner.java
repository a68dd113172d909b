import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local's own server runner, listening on 127.0.0.1 only: its command line has no option for the
 * address, and its Jetty server would otherwise listen on every interface of the machine. Run in source-file mode
 * with DynamoDB Local's jars on the class path ({@code java -cp 'lib/*' LoopbackServerRunner.java -inMemory ...});
 * it takes the same arguments as {@code ServerRunner}. A DynamoDB Local whose server is built another way makes it
 * fail at start rather than listen everywhere.
 */
public final class LoopbackServerRunner {

    private static final String LOOPBACK = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local's server has no connector to bind to " + LOOPBACK);
        }
        for (Connector connector : connectors) {
            if (!(connector instanceof ServerConnector network)) {
                throw new IllegalStateException("Cannot bind DynamoDB Local's " + connector + " to " + LOOPBACK);
            }
            network.setHost(LOOPBACK);
        }
        proxy.start();
    }
}

package io.emailcode.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web app that signs people in with the realm {@code demo} as the public OIDC client {@code demo-app}, or
 * on its own sign-in screen as the native client {@code demo-native} (the authorization challenge endpoint), and
 * serves a bearer-protected API that accepts the tokens of both. Listens on 127.0.0.1 only; reached as
 * http://localhost:port, the address Keycloak knows as its redirect URI.
 */
public final class DemoApp implements AutoCloseable {

    public static final String REALM = "demo";
    public static final String CLIENT_ID = "demo-app";
    public static final String NATIVE_CLIENT_ID = "demo-native";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;

    private DemoApp(HttpServer server, ExecutorService executor, URI baseUrl) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = baseUrl;
    }

    /**
     * @param keycloak Keycloak's base URL as browsers reach it, e.g. http://localhost:8080; it must be running
     * @param port     the app's own port; Keycloak must accept http://localhost:port/callback for the client
     */
    public static DemoApp start(URI keycloak, int port) {
        Clock clock = Clock.systemUTC();
        URI baseUrl = URI.create("http://localhost:" + port);
        JsonHttp http = new JsonHttp();
        OidcProvider provider = OidcProvider.discover(keycloak, REALM, http);
        Jwks jwks = Jwks.at(provider.jwksUri(), http, clock);
        TokenVerifier verifier = new TokenVerifier(provider.issuer(), CLIENT_ID, jwks, clock);
        TokenVerifier nativeVerifier = new TokenVerifier(provider.issuer(), NATIVE_CLIENT_ID, jwks, clock);
        OidcClient oidc = new OidcClient(provider, CLIENT_ID, baseUrl, http, verifier, clock);
        OidcClient nativeClient = new OidcClient(provider, NATIVE_CLIENT_ID, baseUrl, http, nativeVerifier, clock);
        SessionStore sessions = new SessionStore(clock);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " is already in use; the demo app cannot listen there.");
        } catch (IOException e) {
            throw new IllegalStateException("the demo app cannot listen on port " + port + ": " + e.getMessage());
        }
        // More than one thread: "Call the API" calls this same server while handling the button's request.
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "demo-app-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/api/whoami", new WhoAmIApi(List.of(verifier, nativeVerifier)));
        AppScreen appScreen = new AppScreen(new ChallengeClient(provider.authorizationChallengeEndpoint(), NATIVE_CLIENT_ID,
                http), nativeClient, sessions, baseUrl);
        server.createContext("/", new BrowserRoutes(oidc, appScreen, sessions, baseUrl));
        server.start();
        return new DemoApp(server, executor, baseUrl);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code DemoApp [keycloak-base-url [port]]}, defaults http://localhost:8080 and 8090. */
    public static void main(String[] args) throws InterruptedException {
        URI keycloak = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8090;
        DemoApp app;
        try {
            app = start(keycloak, port);
        } catch (IllegalStateException | OidcException e) {
            System.err.println("Could not start the demo app: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "demo-app-shutdown"));
        System.out.println("Demo app at " + app.baseUrl() + " (Keycloak " + keycloak + ")");
        stopped.await();
    }
}

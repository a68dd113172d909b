package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy with two nodes of its own on loopback: when neither reports ready, the node seen ready most recently
 * takes the requests, not one that has not been ready since it started (Keycloak's bootstrap answers those 503).
 */
class RoundRobinProxyTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void withNoNodeReadyTheOneReadyMostRecentlyAnswersAndNotOneStillStarting() throws Exception {
        FakeNode serving = new FakeNode("serving", 200);
        FakeNode starting = new FakeNode("starting", 503);
        RoundRobinProxy proxy = RoundRobinProxy.start(FreePort.next(), List.of(serving.backend(), starting.backend()));
        opened.add(proxy);
        proxy.awaitReadiness("serving", true, Duration.ofSeconds(10));

        serving.readiness.set(503); // a readiness dip, as when the other node leaves the cluster
        proxy.awaitReadiness("serving", false, Duration.ofSeconds(10));
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/realms/demo"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), "request " + i + " reached the starting node: " + answer.body());
        }
        assertEquals(0, starting.requests.get(), "no request for the node in its bootstrap");
        assertEquals(10, serving.requests.get());
    }

    /** A node whose readiness answers the given status and whose requests answer 200, or 503 while it starts. */
    private final class FakeNode {

        final AtomicInteger readiness;
        final AtomicInteger requests = new AtomicInteger();
        private final String name;
        private final HttpServer server;

        FakeNode(String name, int readiness) throws IOException {
            this.name = name;
            this.readiness = new AtomicInteger(readiness);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/health/ready", exchange -> {
                try (exchange) {
                    exchange.sendResponseHeaders(this.readiness.get(), -1);
                }
            });
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    requests.incrementAndGet();
                    boolean starting = "starting".equals(name);
                    byte[] body = (starting ? "Bootstrap in progress." : "served").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(starting ? 503 : 200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            opened.add(() -> server.stop(0));
        }

        RoundRobinProxy.Backend backend() {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            return new RoundRobinProxy.Backend(name, url, url.resolve("/health/ready"));
        }
    }
}

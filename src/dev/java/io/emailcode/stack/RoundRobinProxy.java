package io.emailcode.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer for the Keycloak nodes on loopback, as simple as it can be and as honest as a real one: each
 * request goes to the next ready node in turn (no stickiness, so consecutive requests of one browser land on
 * different nodes), readiness comes from each node's {@code /health/ready}, a node that refuses the connection is
 * skipped (and when no node is ready, each is tried all the same, the one seen ready most recently first), and a request a node dropped after receiving it is answered 502 unless it is safe to repeat. Every
 * exchange is remembered (method, path, node, status), so tests can see where requests went and what came back.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** @param readiness the node's readiness URL on its management port */
    public record Backend(String name, URI url, URI readiness) {
    }

    /** One request as the proxy handled it; {@code backend} is empty when no node could take it. */
    public record Exchange(Instant at, String method, String path, String backend, int status) {
    }

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection");
    private static final Set<String> SAFE_TO_REPEAT = Set.of("GET", "HEAD", "OPTIONS");
    private static final int HISTORY = 20_000;

    private final HttpServer server;
    private final List<ProxiedNode> nodes;
    private final AtomicInteger turn = new AtomicInteger();
    private final Deque<Exchange> history = new ArrayDeque<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(32);

    private RoundRobinProxy(HttpServer server, List<ProxiedNode> nodes) {
        this.server = server;
        this.nodes = nodes;
    }

    public static RoundRobinProxy start(int port, List<Backend> backends) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            RoundRobinProxy proxy = new RoundRobinProxy(server, backends.stream().map(ProxiedNode::new).toList());
            server.createContext("/", proxy::handle);
            server.setExecutor(proxy.workers);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new StackException("Could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The address browsers use; {@code localhost}, which browsers treat as a secure context. */
    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** Waits until the proxy's own health check sees the node as {@code ready} (or not), as a load balancer would. */
    public void awaitReadiness(String node, boolean ready, Duration timeout) {
        ProxiedNode target = nodes.stream().filter(n -> n.backend().name().equals(node)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + node));
        Instant deadline = Instant.now().plus(timeout);
        while (target.isReady() != ready) {
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("The proxy did not see node " + node + (ready ? " ready" : " leave") + " within "
                        + timeout.toSeconds() + " s");
            }
            ManagedProcess.sleep(Duration.ofMillis(200));
        }
    }

    /** The exchanges so far, oldest first (the newest {@value #HISTORY}). */
    public synchronized List<Exchange> history() {
        return new ArrayList<>(history);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            for (ProxiedNode node : inTurn()) {
                try {
                    HttpResponse<byte[]> response = node.client().send(forward(exchange, node, body), HttpResponse.BodyHandlers.ofByteArray());
                    // Recorded before the answer leaves, so whoever got the answer finds the exchange in the history.
                    remember(method, exchange, node.backend().name(), response.statusCode());
                    respond(exchange, response);
                    return;
                } catch (ConnectException | HttpConnectTimeoutException e) {
                    node.markDown(); // it never got the request: the next node may have it
                } catch (IOException e) {
                    node.markDown();
                    if (!SAFE_TO_REPEAT.contains(method)) {
                        remember(method, exchange, node.backend().name(), 502);
                        answer(exchange, 502, "The Keycloak node dropped the request.");
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            remember(method, exchange, "", 503);
            answer(exchange, 503, "No Keycloak node answers.");
        }
    }

    /**
     * The ready nodes, starting with the one whose turn it is. When none is ready, every node, as load balancers
     * do: Keycloak reports itself not ready for a moment when the other node leaves the cluster (its cluster
     * health check finds no coordinator) while it still serves requests. Then the node seen ready most recently
     * comes first and a node not ready since it started comes last: one still in its bootstrap answers every request
     * 503 without taking it on.
     */
    private List<ProxiedNode> inTurn() {
        List<ProxiedNode> ready = nodes.stream().filter(ProxiedNode::isReady).toList();
        if (ready.isEmpty()) {
            return nodes.stream().sorted(Comparator.comparingLong(ProxiedNode::lastReady).reversed()).toList();
        }
        int first = Math.floorMod(turn.getAndIncrement(), ready.size());
        List<ProxiedNode> order = new ArrayList<>(ready.subList(first, ready.size()));
        order.addAll(ready.subList(0, first));
        return order;
    }

    private static HttpRequest forward(HttpExchange exchange, ProxiedNode node, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.backend().url().resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.toLowerCase().startsWith("x-forwarded-")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        String host = exchange.getRequestHeaders().getFirst("Host");
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", "http");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        return request.build();
    }

    private static void respond(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        boolean noBody = answer.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized void remember(String method, HttpExchange exchange, String backend, int status) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(new Exchange(Instant.now(), method, exchange.getRequestURI().getPath(), backend, status));
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        nodes.forEach(ProxiedNode::close);
    }
}

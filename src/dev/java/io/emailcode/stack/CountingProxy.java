package io.emailcode.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of an emulator that counts AWS API calls by operation
 * ({@code X-Amz-Target} for JSON protocols, method and path for REST ones, such as SES's v2 API) and can simulate an
 * outage.
 * The system tests point Keycloak at it, so call counts are measured, not estimated.
 */
public final class CountingProxy implements AutoCloseable {

    /** The REST calls the provider makes, by the API name AWS gives them (as its metrics and IAM actions do). */
    private static final Map<String, String> REST_OPERATIONS = Map.of("POST /v2/email/outbound-emails", "SendEmail");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final Set<String> answeredHere = ConcurrentHashMap.newKeySet();
    private final CallsInFlight inFlight;
    private volatile Duration latency = Duration.ZERO;

    private CountingProxy(HttpServer server, URI target, CallsInFlight inFlight) {
        this.server = server;
        this.target = target;
        this.inFlight = inFlight;
    }

    public static CountingProxy start(int port, URI target) {
        return start(port, target, new CallsInFlight());
    }

    /** @param inFlight shared with other proxies in front of the same emulator, to see whether their callers overlap */
    public static CountingProxy start(int port, URI target, CallsInFlight inFlight) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            CountingProxy proxy = new CountingProxy(server, target, inFlight);
            server.createContext("/", proxy::handle);
            // Enough threads that a slow endpoint is slow for every caller at once, as a real one would be.
            server.setExecutor(Executors.newFixedThreadPool(64));
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new StackException("Could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** While down, every call is answered with HTTP 503, as an unavailable AWS endpoint would. */
    public void setDown(boolean value) {
        down.set(value);
    }

    /** Every forwarded call takes at least this long, as a slow network would make it. */
    public void setLatency(Duration value) {
        latency = value;
    }

    /**
     * Answers these operations itself with an empty success instead of forwarding them (they are still counted), for
     * calls the emulator behind it does not implement.
     */
    public CountingProxy answering(Set<String> operations) {
        answeredHere.addAll(operations);
        return this;
    }

    public CallsInFlight inFlight() {
        return inFlight;
    }

    public Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new java.util.TreeMap<>();
        calls.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return snapshot;
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public void resetCounts() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = operation(exchange);
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            if (down.get()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (answeredHere.contains(operation)) {
                answerEmptySuccess(exchange);
                return;
            }
            inFlight.enter();
            try {
                forward(exchange, body);
            } finally {
                inFlight.leave();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The emulator is not there: the caller sees a broken connection, like a real outage.
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        HttpResponse<InputStream> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body().readAllBytes();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void answerEmptySuccess(HttpExchange exchange) throws IOException {
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static String operation(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        return REST_OPERATIONS.getOrDefault(route, route);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

package io.emailcode.stack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One node behind the {@link RoundRobinProxy}: its readiness, checked every {@value #CHECK_MILLIS} ms as a load
 * balancer's health check would (out of service after {@value #UNHEALTHY_THRESHOLD} failed checks in a row, so one
 * check slowed past its timeout on busy cores does not take a serving node out), and the HTTP client that talks to
 * it. A node that goes down gets a new client, so no connection kept alive to the old process is ever reused.
 */
final class ProxiedNode implements AutoCloseable {

    private static final long CHECK_MILLIS = 250;
    private static final int UNHEALTHY_THRESHOLD = 2;

    private final RoundRobinProxy.Backend backend;
    private final AtomicBoolean ready = new AtomicBoolean();
    /** When a check last found the node ready ({@link System#nanoTime}); {@link Long#MIN_VALUE} before the first. */
    private final AtomicLong lastReady = new AtomicLong(Long.MIN_VALUE);
    /** Failed checks in a row; only the health-check thread touches it. */
    private int failedChecks;
    private final AtomicReference<HttpClient> client = new AtomicReference<>(newClient());
    private final HttpClient checker = newClient();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "proxy-health-check");
        thread.setDaemon(true);
        return thread;
    });

    ProxiedNode(RoundRobinProxy.Backend backend) {
        this.backend = backend;
        schedule.scheduleWithFixedDelay(this::check, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    RoundRobinProxy.Backend backend() {
        return backend;
    }

    boolean isReady() {
        return ready.get();
    }

    /** When a health check last found the node ready, in {@link System#nanoTime}'s terms; the smallest long if never. */
    long lastReady() {
        return lastReady.get();
    }

    HttpClient client() {
        return client.get();
    }

    /** The node failed a request: no more requests until the health check sees it ready again. */
    void markDown() {
        if (ready.getAndSet(false)) {
            client.set(newClient());
        }
    }

    private void check() {
        boolean up;
        try {
            HttpResponse<Void> response = checker.send(HttpRequest.newBuilder(backend.readiness())
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
            up = response.statusCode() == 200;
        } catch (IOException e) {
            up = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (up) {
            failedChecks = 0;
            lastReady.set(System.nanoTime());
            ready.set(true);
        } else if (++failedChecks >= UNHEALTHY_THRESHOLD) {
            markDown();
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}

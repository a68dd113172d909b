package io.emailcode.keycloak.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.aws.Rehearsal;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

class ReadyWhenRehearsedTest {

    @Test
    void theEndOfTheStartWaitsForARehearsalStillGoingOn() {
        AtomicBoolean ended = new AtomicBoolean();
        Rehearsal.Running rehearsal = Rehearsal.inBackground("test-rehearsal", () -> {
            sleep(Duration.ofMillis(300));
            ended.set(true);
        });

        new ReadyWhenRehearsed("test", rehearsal, Duration.ofSeconds(10)).onEvent(new PostMigrationEvent(null));

        assertTrue(ended.get(), "the start ended before the rehearsal");
    }

    @Test
    void otherEventsOfTheServerNeverWait() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Rehearsal.Running rehearsal = Rehearsal.inBackground("test-rehearsal", () -> awaitQuietly(release));
        try {
            long started = System.nanoTime();
            new ReadyWhenRehearsed("test", rehearsal, Duration.ofSeconds(10)).onEvent(new ProviderEvent() { });
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) < 0);
            assertFalse(rehearsal.awaitEnd(Duration.ofMillis(1)), "the rehearsal should still be going on");
        } finally {
            release.countDown();
        }
        assertTrue(rehearsal.awaitEnd(Duration.ofSeconds(5)));
    }

    @Test
    void aStuckRehearsalKeepsTheStartWaitingOnlyUpToItsBound() {
        CountDownLatch release = new CountDownLatch(1);
        Rehearsal.Running rehearsal = Rehearsal.inBackground("test-rehearsal", () -> awaitQuietly(release));
        try {
            long started = System.nanoTime();
            new ReadyWhenRehearsed("test", rehearsal, Duration.ofMillis(200)).onEvent(new PostMigrationEvent(null));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(waited.compareTo(Duration.ofMillis(190)) >= 0 && waited.compareTo(Duration.ofSeconds(5)) < 0,
                    "waited " + waited);
            assertFalse(rehearsal.awaitEnd(Duration.ofMillis(1)), "the rehearsal goes on beside the traffic");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRehearsalTurnedOffNeitherRunsNorHoldsTheStart() {
        AtomicBoolean ran = new AtomicBoolean();
        List<ProviderEventListener> listeners = new ArrayList<>();
        KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        listeners.add((ProviderEventListener) args[0]);
                    }
                    return null;
                });

        ReadyWhenRehearsed.start(factory, "test", Duration.ZERO, () -> ran.set(true));
        ReadyWhenRehearsed.start(factory, "test", Duration.ofSeconds(1), () -> ran.set(true));

        assertEquals(1, listeners.size(), "only the rehearsal with a time holds the start");
        listeners.get(0).onEvent(new PostMigrationEvent(null));
        assertTrue(ran.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

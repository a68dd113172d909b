package io.emailcode.keycloak.spi.authenticator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a moving average of how long sending a code email takes on this server. A request for an
 * unknown address sends nothing, so it waits about that long instead: otherwise the synchronous SES
 * call would tell an observer which addresses have accounts.
 */
final class SendTiming {

    private static final long INITIAL_MILLIS = 150;
    private static final long MAX_MILLIS = 3_000;
    private final AtomicLong averageMillis = new AtomicLong(INITIAL_MILLIS);

    void record(Duration sendTime) {
        long sample = Math.min(MAX_MILLIS, Math.max(0, sendTime.toMillis()));
        // Exponential moving average with weight 1/5: follows SES latency within a few sends.
        averageMillis.updateAndGet(previous -> previous + (sample - previous) / 5);
    }

    Duration typical() {
        return Duration.ofMillis(averageMillis.get());
    }

    void waitLikeASend() {
        try {
            Thread.sleep(averageMillis.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

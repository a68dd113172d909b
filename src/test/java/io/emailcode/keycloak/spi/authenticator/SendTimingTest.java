package io.emailcode.keycloak.spi.authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendTimingTest {

    @Test
    void followsTheObservedSendLatency() {
        SendTiming timing = new SendTiming();
        for (int i = 0; i < 40; i++) {
            timing.record(Duration.ofMillis(400));
        }
        long typical = timing.typical().toMillis();
        assertTrue(typical > 380 && typical <= 400, "typical " + typical);
    }

    @Test
    void oneSlowSendDoesNotMakeEveryoneWaitLong() {
        SendTiming timing = new SendTiming();
        timing.record(Duration.ofMinutes(1));
        assertTrue(timing.typical().toMillis() <= 150 + 3_000 / 5 + 1);
    }

    @Test
    void waitingLikeASendTakesAboutTheTypicalTime() {
        SendTiming timing = new SendTiming();
        long started = System.nanoTime();
        timing.waitLikeASend();
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(waited >= timing.typical().toMillis(), "waited " + waited);
        assertEquals(150, timing.typical().toMillis());
    }
}

package io.emailcode.keycloak.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesPerFailureAndStopsAtTheCap() {
        Backoff noJitter = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.999999);
        assertEquals(10, noJitter.delay(1).toSeconds(), 1);
        assertEquals(20, noJitter.delay(2).toSeconds(), 1);
        assertEquals(40, noJitter.delay(3).toSeconds(), 1);
        assertEquals(300, noJitter.delay(10).toSeconds(), 1);
        assertEquals(300, noJitter.delay(1000).toSeconds(), 1);
    }

    @Test
    void halfOfEveryDelayIsRandomSoNodesDoNotRetryInLockstep() {
        Backoff lowest = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.0);
        assertEquals(Duration.ofSeconds(5), lowest.delay(1));
        assertEquals(Duration.ofSeconds(150), lowest.delay(20));
    }

    @Test
    void aCapBelowTheBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMinutes(1), Duration.ofSeconds(1), () -> 0));
    }
}

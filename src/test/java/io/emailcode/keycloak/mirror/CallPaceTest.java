package io.emailcode.keycloak.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallPaceTest {

    @Test
    void callsAreSpacedSoThatNoSecondHoldsMoreThanTheRate() {
        FakeTicker ticker = new FakeTicker();
        CallPace pace = CallPace.perSecond(5, ticker);
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            pace.acquire();
            at.add(ticker.nanos());
        }
        assertEquals(0L, at.get(0), "the first call waits for nothing");
        for (int i = 1; i < at.size(); i++) {
            assertEquals(200_000_000L, at.get(i) - at.get(i - 1));
        }
        assertEquals(2_000_000_000L, at.get(10));
    }

    @Test
    void timeSpentElsewhereIsNotWaitedForAgain() {
        FakeTicker ticker = new FakeTicker();
        CallPace pace = CallPace.perSecond(2, ticker);
        pace.acquire();
        ticker.advance(3_000_000_000L);
        pace.acquire();
        assertEquals(3_000_000_000L, ticker.nanos(), "a slot in the past is taken at once");
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CallPace.perSecond(0, new FakeTicker()));
    }
}

package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingGateTest {

    private static TimingGate.Verdict verdict(double p) {
        return new TimingGate.Verdict(List.of(new TimingGate.Check("a vs b: Mann-Whitney p", p, 0.01, TimingGate.Side.AT_LEAST)),
                List.of(new TimingGate.Figure("p", Double.toString(p))));
    }

    private static TimingGate.Verdict take(Deque<TimingGate.Verdict> measurements) {
        return measurements.removeFirst();
    }

    @Test
    void aPassingMeasurementIsTakenOnce() {
        Deque<TimingGate.Verdict> measurements = new ArrayDeque<>(List.of(verdict(0.5), verdict(0.001)));
        TimingGate.assertPasses("gate", () -> take(measurements));
        assertEquals(1, measurements.size());
    }

    @Test
    void oneFailedMeasurementIsTakenAgainAndTheSecondDecides() {
        Deque<TimingGate.Verdict> measurements = new ArrayDeque<>(List.of(verdict(0.001), verdict(0.4)));
        assertEquals(0.4, TimingGate.assertPasses("gate", () -> take(measurements)).checks().get(0).value());
    }

    @Test
    void twoFailedMeasurementsFailTheGateNamingBoth() {
        Deque<TimingGate.Verdict> measurements = new ArrayDeque<>(List.of(verdict(0.001), verdict(0.002)));
        AssertionError e = assertThrows(AssertionError.class, () -> TimingGate.assertPasses("gate", () -> take(measurements)));
        assertTrue(e.getMessage().contains("0.0010") && e.getMessage().contains("0.0020"), e.getMessage());
    }

    @Test
    void aDifferenceWithinItsBoundPassesOnEitherSide() {
        assertTrue(new TimingGate.Check("d", -1.9, 2, TimingGate.Side.WITHIN).passed());
        assertTrue(new TimingGate.Check("d", 2.0, 2, TimingGate.Side.WITHIN).passed());
        assertFalse(new TimingGate.Check("d", -2.1, 2, TimingGate.Side.WITHIN).passed());
    }

    @Test
    void theNormalModelGivesBothTailsOfAWithinBound() {
        // Mean 0, spread 1, bound 1.96: 5% outside, 2.5% on each side.
        assertEquals(0.05, TimingGate.Side.WITHIN.normalFailureRate(0, 1, 1.959964), 1e-4);
        assertEquals(0.025, TimingGate.Side.AT_MOST.normalFailureRate(0, 1, 1.959964), 1e-4);
        assertEquals(0.025, TimingGate.Side.AT_LEAST.normalFailureRate(0, 1, -1.959964), 1e-4);
    }

    @Test
    void aPValueFailsAtTheRateOfItsBoundWhateverItsSpread() {
        List<TimingGate.Check> checks = List.of(new TimingGate.Check("x: Mann-Whitney p", 0.9, 0.01, TimingGate.Side.AT_LEAST),
                new TimingGate.Check("x: Mann-Whitney p", 0.2, 0.01, TimingGate.Side.AT_LEAST));
        assertEquals(0.01, TimingGate.Spread.of(checks).failureRate());
    }
}

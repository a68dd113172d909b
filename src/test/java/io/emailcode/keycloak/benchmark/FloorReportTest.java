package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloorReportTest {

    @Test
    void theFirstMinuteIsTheMeanOverRestartsWhereEachWayWentFirstOnce() {
        FloorBenchmark.FloorFigures figures = new FloorBenchmark.FloorFigures();
        // Whichever way goes first pays 300 ms per sign-in more: each restart's own ratio says only the order.
        figures.restartRounds.add(List.of(block("email", 500), block("app", 150), block("floor", 100), block("password", 200)));
        figures.restartRounds.add(List.of(block("app", 450), block("floor", 100), block("password", 200), block("email", 200)));
        figures.restartRounds.add(List.of(block("floor", 400), block("password", 200), block("email", 200), block("app", 150)));
        figures.restartRounds.add(List.of(block("password", 500), block("email", 200), block("app", 150), block("floor", 100)));

        String report = new FloorReport(figures).markdown();

        assertTrue(report.contains("| &nbsp;&nbsp;mean over the 4 restarts (each way first in turn) | 275.0 | 225.0 | 175.0 | 275.0 "
                + "| 1.57x | 1.29x | 1.00x | |"), report);
        assertTrue(report.contains("| CPU per sign-in, first minute after a restart | 200.0 (200.0-500.0, n=4) | 150.0 (150.0-450.0, n=4) "
                + "| 100.0 (100.0-400.0, n=4) | 200.0 (200.0-500.0, n=4) | 2.00 (0.50-5.00, n=4)x | 1.50 (0.38-4.50, n=4)x |"), report);
    }

    private static Bench.Measured block(String way, long cpuPerSignIn) {
        return new Bench.Measured(way, 10, 0, cpuPerSignIn * 10, 0, Instant.EPOCH, Duration.ofSeconds(5), Map.of(), new KeycloakProcess.JitCounts(0, 0));
    }
}

package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloorReportTest {

    @Test
    void theFirstMinuteIsTheMeanOverRestartsWhereEachWayWentFirstOnce() {
        FloorBenchmark.FloorFigures figures = new FloorBenchmark.FloorFigures();
        // Whichever way goes first pays 250 ms per sign-in more: each restart's own ratio says only the order.
        figures.restartRounds.addAll(eachWayFirstInTurn(Map.of("email", 200L, "app", 150L, "two pages", 120L, "floor", 100L,
                "password", 200L), 250));

        String report = new FloorReport(figures).markdown();

        assertTrue(report.contains("| &nbsp;&nbsp;mean over the 5 restarts (each way first in turn) | 250.0 | 200.0 | 170.0 | 150.0 "
                + "| 250.0 | 1.67x | 1.33x | 1.13x | 1.47x | 1.00x | |"), report);
        assertTrue(report.contains("| CPU per sign-in, first minute after a restart | 200.0 (200.0-450.0, n=5) | 150.0 (150.0-400.0, n=5) "
                + "| 120.0 (120.0-370.0, n=5) | 100.0 (100.0-350.0, n=5) | 200.0 (200.0-450.0, n=5) | 2.00 (0.57-4.50, n=5)x "
                + "| 1.50 (0.43-4.00, n=5)x | 1.20 (0.34-3.70, n=5)x |"), report);
    }

    @Test
    void thePacedRestartsFirstMinuteIsReportedApart() {
        FloorBenchmark.FloorFigures figures = new FloorBenchmark.FloorFigures();
        figures.restartRounds.addAll(eachWayFirstInTurn(Map.of("email", 200L, "app", 150L, "two pages", 120L, "floor", 100L,
                "password", 200L), 250));
        // At one rate the floor's sign-in costs more: 125 ms against 100.
        figures.pacedRestartRounds.addAll(eachWayFirstInTurn(Map.of("email", 200L, "app", 150L, "two pages", 150L, "floor", 125L,
                "password", 200L), 50));
        figures.pace = Duration.ofMillis(250);

        String report = new FloorReport(figures).markdown();

        int paced = report.indexOf("| CPU per sign-in, first minute after a restart, every way at one rate (each person a sign-in "
                + "at most every 250 ms) | 200.0 (200.0-250.0, n=5) |");
        assertTrue(paced > 0, report);
        assertTrue(report.indexOf("| &nbsp;&nbsp;mean over the 5 restarts (each way first in turn) | 250.0 | 200.0 | 170.0 | 150.0 "
                + "| 250.0 | 1.67x |") < paced, report);
        assertTrue(report.indexOf("| &nbsp;&nbsp;mean over the 5 restarts (each way first in turn) | 210.0 | 160.0 | 160.0 | 135.0 "
                + "| 210.0 | 1.56x |") > paced, report);
    }

    @Test
    void keycloaksBackgroundIsTakenOutOfEachBlockForAsLongAsItRan() {
        FloorBenchmark.FloorFigures figures = new FloorBenchmark.FloorFigures();
        // 10 sign-ins a block; the email-code block lasts 10 s, the others 1 s; at rest Keycloak spends 20 ms a second.
        figures.warmRounds.add(List.of(block("email", 30, Duration.ofSeconds(10)), block("app", 20, Duration.ofSeconds(1)),
                block("two pages", 15, Duration.ofSeconds(1)), block("floor", 12, Duration.ofSeconds(1)),
                block("password", 60, Duration.ofSeconds(1))));
        figures.idleMillisPerSecond.addAll(List.of(19.0, 21.0));

        String report = new FloorReport(figures).markdown();

        // email: 30 - 20 x 10 / 10 = 10; floor: 12 - 20 x 1 / 10 = 10.
        assertTrue(report.contains("| &nbsp;&nbsp;and without Keycloak's background (20.0 ms per s at rest, times each block's "
                + "duration) | 10.0 (10.0-10.0, n=1) | 18.0 (18.0-18.0, n=1) | 13.0 (13.0-13.0, n=1) | 10.0 (10.0-10.0, n=1) "
                + "| 58.0 (58.0-58.0, n=1) | 1.00 (1.00-1.00, n=1)x |"), report);
        assertTrue(report.contains("at rest (no sign-in, without the JIT compiler), before the rounds and after them: 19.0, 21.0 ms per s."),
                report);
    }

    @Test
    void pacedRoundsAreReportedApartWithTheRateEachWayRanAt() {
        FloorBenchmark.FloorFigures figures = new FloorBenchmark.FloorFigures();
        // As fast as they go the floor's 10 sign-ins take 0.5 s and cost 6 ms each; paced, 2.5 s and 8 ms, like the others.
        figures.warmRounds.add(List.of(block("email", 14, Duration.ofMillis(2500)), block("app", 10, Duration.ofMillis(2500)),
                block("two pages", 9, Duration.ofMillis(500)), block("floor", 6, Duration.ofMillis(500)),
                block("password", 50, Duration.ofMillis(1000))));
        figures.pacedRounds.add(List.of(block("email", 12, Duration.ofMillis(2500)), block("app", 10, Duration.ofMillis(2500)),
                block("two pages", 9, Duration.ofMillis(2500)), block("floor", 8, Duration.ofMillis(2500)),
                block("password", 50, Duration.ofMillis(2500))));
        figures.pace = Duration.ofMillis(250);

        String report = new FloorReport(figures).markdown();

        assertTrue(report.contains("| CPU per sign-in, after the warm-up | 14.0 (14.0-14.0, n=1) | 10.0 (10.0-10.0, n=1) "
                + "| 9.0 (9.0-9.0, n=1) | 6.0 (6.0-6.0, n=1) | 50.0 (50.0-50.0, n=1) | 2.33 (2.33-2.33, n=1)x |"), report);
        assertTrue(report.contains("| CPU per sign-in, after the warm-up, every way at one rate (each person a sign-in at most every "
                + "250 ms) | 12.0 (12.0-12.0, n=1) | 10.0 (10.0-10.0, n=1) | 9.0 (9.0-9.0, n=1) | 8.0 (8.0-8.0, n=1) "
                + "| 50.0 (50.0-50.0, n=1) | 1.50 (1.50-1.50, n=1)x |"), report);
        assertTrue(report.contains("| &nbsp;&nbsp;sign-ins per s (median of the blocks) | 4.0 | 4.0 | 20.0 | 20.0 | 10.0 |  |  |  |  |  | |"),
                report);
        assertTrue(report.contains("| &nbsp;&nbsp;sign-ins per s (median of the blocks) | 4.0 | 4.0 | 4.0 | 4.0 | 4.0 |  |  |  |  |  | |"),
                report);
    }

    @Test
    void thePacedRoundsGetTheirOwnPartsFromTheSamplesTakenWhileTheyRan() {
        FloorBenchmark.FloorFigures figures = new FloorBenchmark.FloorFigures();
        Instant warm = Instant.parse("2026-12-06T10:00:00Z");
        Instant paced = warm.plusSeconds(100);
        figures.warmRounds.add(List.of(block("email", 10, warm), block("app", 10, warm.plusSeconds(10)),
                block("two pages", 10, warm.plusSeconds(20)), block("floor", 10, warm.plusSeconds(30)),
                block("password", 10, warm.plusSeconds(40))));
        figures.pacedRounds.add(List.of(block("email", 10, paced), block("app", 10, paced.plusSeconds(10)),
                block("two pages", 10, paced.plusSeconds(20)), block("floor", 10, paced.plusSeconds(30)),
                block("password", 10, paced.plusSeconds(40))));
        // Warm, the email code's one sample is the AWS SDK's; paced, Keycloak's own.
        figures.profiles = new JfrProfiles(List.of(
                new JfrProfiles.Sample(warm.plusSeconds(1), List.of("io.emailcode.keycloak.shaded.software.amazon.awssdk.Foo.call")),
                new JfrProfiles.Sample(paced.plusSeconds(1), List.of("org.keycloak.services.Foo.bar"))));

        String report = new FloorReport(figures).markdown();

        int pacedStart = report.indexOf("by part in the paced rounds (every way at one rate)");
        String warmTable = report.substring(report.indexOf("by part in the warm rounds"), pacedStart);
        String pacedTable = report.substring(pacedStart);
        assertTrue(warmTable.contains("| " + JfrParts.AWS_SDK + " | 10.0 |"), report);
        assertTrue(pacedTable.contains("| " + JfrParts.AWS_SDK + " | 0.0 |"), report);
        assertTrue(pacedTable.contains("| " + JfrParts.KEYCLOAK + " | 10.0 |"), report);
    }

    /** One round per way, each led by another way, the leader paying {@code firstPenalty} more per sign-in. */
    private static List<List<Bench.Measured>> eachWayFirstInTurn(Map<String, Long> cost, long firstPenalty) {
        List<String> ways = FloorBenchmark.WAYS;
        List<List<Bench.Measured>> rounds = new ArrayList<>();
        for (int turn = 0; turn < ways.size(); turn++) {
            List<Bench.Measured> round = new ArrayList<>();
            for (int i = 0; i < ways.size(); i++) {
                String way = ways.get((turn + i) % ways.size());
                round.add(block(way, cost.get(way) + (i == 0 ? firstPenalty : 0)));
            }
            rounds.add(round);
        }
        return rounds;
    }

    private static Bench.Measured block(String way, long cpuPerSignIn, Instant started) {
        return new Bench.Measured(way, 10, 0, cpuPerSignIn * 10, 0, started, Duration.ofSeconds(5), Map.of(),
                new KeycloakProcess.JitCounts(0, 0));
    }

    private static Bench.Measured block(String way, long cpuPerSignIn) {
        return block(way, cpuPerSignIn, Duration.ofSeconds(5));
    }

    private static Bench.Measured block(String way, long cpuPerSignIn, Duration wall) {
        return new Bench.Measured(way, 10, 0, cpuPerSignIn * 10, 0, Instant.EPOCH, wall, Map.of(), new KeycloakProcess.JitCounts(0, 0));
    }
}

package io.emailcode.keycloak.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured, filled in phase by phase and written out by {@link BenchmarkReport}. */
final class Figures {

    /** One saturation level of the closed model. */
    record Level(String scenario, int people, java.time.Duration duration, Bench.Measured measured) {
        double perSecond() {
            return measured.signIns() / (duration.toMillis() / 1000.0);
        }
    }

    /** The blocks right after one restart of Keycloak. */
    record Restart(int number, String firstScenario, long startSeconds, List<Bench.Measured> blocks) {
    }

    String machine;
    String loadAtStart;
    String loadAtEnd;
    String keycloakJvm;
    String passwordHashing;
    int emailUsers;
    int passwordUsers;
    int firstSignInUsers;
    final List<Bench.Measured> warmUp = new ArrayList<>();
    final List<Bench.Measured> warmBlocks = new ArrayList<>();
    /** The same alternating blocks once more after the soak, when the JIT compiler has long settled. */
    final List<Bench.Measured> soakedBlocks = new ArrayList<>();
    int signInsBeforeWarmBlocks;
    int signInsBeforeSoakedBlocks;
    final List<Bench.Measured> firstAndLater = new ArrayList<>();
    final List<Level> saturation = new ArrayList<>();
    final Map<String, Double> openRates = new LinkedHashMap<>();
    final List<Bench.Measured> open = new ArrayList<>();
    final List<Bench.Measured> openWithLatency = new ArrayList<>();
    final Map<String, LoadRecorder.Percentiles> openSteps = new LinkedHashMap<>();
    final Map<String, LoadRecorder.Percentiles> latencySteps = new LinkedHashMap<>();
    JfrShare jfr;
    Bench.Measured jfrLoad;
    final Map<String, Long> heap = new LinkedHashMap<>();
    /** The soak's loads, in order: how the JIT compiler's work fades (or not) as sign-ins add up. */
    final List<Bench.Measured> soak = new ArrayList<>();
    /** How long people waited for their code email during the soak, the busiest load the emails see. */
    LoadRecorder.Percentiles soakEmailWait;
    final List<Restart> restarts = new ArrayList<>();
    /** The first email-code sign-ins after one more restart, recorded by JFR (not among {@link #restarts}). */
    final List<Bench.Measured> restartJfrBlocks = new ArrayList<>();
    JfrShare restartJfr;
    int totalSignIns;
    int totalFailures;
    List<String> failureSamples = List.of();
    long durationSeconds;

    /** Sign-ins the closed model's levels lost by going past what the node takes (reported, not failing the run). */
    int saturationFailures() {
        return saturation.stream().mapToInt(level -> level.measured().failures()).sum();
    }
}

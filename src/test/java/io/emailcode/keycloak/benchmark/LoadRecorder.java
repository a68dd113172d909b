package io.emailcode.keycloak.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the load generator saw, per scenario: each step's response times of the sign-ins that succeeded, the
 * successes, and the failures with the step that failed. Blocks of sign-ins also record Keycloak's CPU time from
 * their first request to their last response. Safe for Gatling's threads.
 */
public final class LoadRecorder {

    private static final int SAMPLES_PER_SCENARIO = 5;

    private final Map<String, List<Long>> times = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** The first few failures of each scenario, so a rare one late in a run is not hidden by a level's many. */
    private final Map<String, ConcurrentLinkedQueue<String>> failureSamples = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Block> blocks = new ConcurrentLinkedQueue<>();

    /** A block's measurement: the sign-ins in it and Keycloak's CPU over it (of which its JIT compiler's). */
    public record Block(String name, String scenario, int signIns, int failures, long cpuMillis, long jitMillis, Duration wall) {
        public double cpuMillisPerSignIn() {
            return signIns == 0 ? Double.NaN : (double) cpuMillis / signIns;
        }
    }

    void step(String scenario, String step, long millis) {
        times.computeIfAbsent(scenario + "/" + step, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(millis);
    }

    void success(String scenario) {
        successes.computeIfAbsent(scenario, k -> new AtomicInteger()).incrementAndGet();
    }

    void failure(String scenario, String what) {
        failures.computeIfAbsent(scenario, k -> new AtomicInteger()).incrementAndGet();
        ConcurrentLinkedQueue<String> samples = failureSamples.computeIfAbsent(scenario, k -> new ConcurrentLinkedQueue<>());
        if (samples.size() < SAMPLES_PER_SCENARIO) {
            samples.add(scenario + ": " + what);
        }
    }

    void block(Block block) {
        blocks.add(block);
    }

    public int successes(String scenario) {
        AtomicInteger count = successes.get(scenario);
        return count == null ? 0 : count.get();
    }

    public int failures(String scenario) {
        AtomicInteger count = failures.get(scenario);
        return count == null ? 0 : count.get();
    }

    public int totalFailures() {
        return failures.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int totalSuccesses() {
        return successes.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public List<String> failureSamples() {
        return new TreeMap<>(failureSamples).values().stream().flatMap(ConcurrentLinkedQueue::stream).toList();
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** Response-time percentiles of a scenario's step, in milliseconds: p50, p95, p99, and the count. */
    public Percentiles percentiles(String scenario, String step) {
        List<Long> values;
        synchronized (times.getOrDefault(scenario + "/" + step, List.of())) {
            values = new ArrayList<>(times.getOrDefault(scenario + "/" + step, List.of()));
        }
        return Percentiles.of(values);
    }

    /** Every scenario/step recorded so far, sorted. */
    public Map<String, Percentiles> allPercentiles() {
        Map<String, Percentiles> all = new TreeMap<>();
        times.keySet().forEach(key -> all.put(key, percentiles(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1))));
        return all;
    }

    public void clear() {
        times.clear();
        successes.clear();
        failures.clear();
        failureSamples.clear();
        blocks.clear();
    }

    /** Nearest-rank percentiles of response times in milliseconds. */
    public record Percentiles(int count, long p50, long p95, long p99) {
        static Percentiles of(List<Long> values) {
            if (values.isEmpty()) {
                return new Percentiles(0, 0, 0, 0);
            }
            List<Long> sorted = values.stream().sorted().toList();
            return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
        }

        private static long rank(List<Long> sorted, int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }
}

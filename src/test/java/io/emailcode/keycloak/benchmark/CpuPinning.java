package io.emailcode.keycloak.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Keycloak's JVM alone on some CPUs, everything else the benchmark runs (the emulators, DynamoDB Local, the load
 * generator) on the others ({@code -Dbench.keycloakCpus=0}). On a small machine the emulators otherwise run on
 * Keycloak's cores between its requests, only in the ways that call AWS; in production AWS runs elsewhere. (On this
 * 2-core machine it made no difference beyond the spread: docs/benchmarks.md.) Linux only ({@code taskset}), which
 * must be installed; threads started later inherit their creator's CPUs.
 */
final class CpuPinning {

    static final String PROPERTY = "bench.keycloakCpus";

    private final Set<Integer> keycloakCpus;
    private final Set<Integer> otherCpus;

    CpuPinning(Set<Integer> keycloakCpus, int cpus) {
        this.keycloakCpus = Set.copyOf(keycloakCpus);
        this.otherCpus = IntStream.range(0, cpus).boxed().filter(cpu -> !keycloakCpus.contains(cpu))
                .collect(Collectors.toUnmodifiableSet());
        if (this.keycloakCpus.isEmpty() || this.otherCpus.isEmpty()
                || keycloakCpus.stream().anyMatch(cpu -> cpu < 0 || cpu >= cpus)) {
            throw new IllegalArgumentException(PROPERTY + " must name some, not all, of CPUs 0 to " + (cpus - 1)
                    + ": " + keycloakCpus);
        }
    }

    /** From {@code -Dbench.keycloakCpus=0} or {@code =0,1}; none when it is not set. */
    static Optional<CpuPinning> fromSystemProperty() {
        String cpus = System.getProperty(PROPERTY, "").strip();
        if (cpus.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CpuPinning(Stream.of(cpus.split(",")).map(String::strip).map(Integer::valueOf)
                .collect(Collectors.toSet()), Runtime.getRuntime().availableProcessors()));
    }

    /** Puts Keycloak's JVM (and what it started) on its CPUs, and this JVM and every other process it started on the rest. */
    void apply(long keycloakPid) {
        ProcessHandle keycloak = ProcessHandle.of(keycloakPid)
                .orElseThrow(() -> new IllegalStateException("Keycloak's JVM " + keycloakPid + " is not running"));
        Set<Long> keycloakTree = Stream.concat(Stream.of(keycloak), keycloak.descendants()).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        keycloakTree.forEach(pid -> taskset(pid, keycloakCpus));
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .map(ProcessHandle::pid).filter(pid -> !keycloakTree.contains(pid))
                .forEach(pid -> taskset(pid, otherCpus));
    }

    /** What the report says. */
    String describe() {
        return "Keycloak on CPU " + list(keycloakCpus) + ", the emulators and the load generator on CPU " + list(otherCpus);
    }

    private static String list(Set<Integer> cpus) {
        return cpus.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Every thread of the process ({@code -a}); a process that ended meanwhile is no error. */
    private static void taskset(long pid, Set<Integer> cpus) {
        try {
            KeycloakProcess.run(List.of("taskset", "-a", "-p", "-c", list(cpus), Long.toString(pid)), Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw e;
            }
        }
    }
}

package io.emailcode.keycloak.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak's JVM as the operating system and the JDK's own tools see it: CPU time from {@code /proc/<pid>/stat}
 * (Keycloak's process only: every thread, GC and JIT included, no emulator, no load generator), its live heap, and
 * flight recordings, all through {@code jcmd}.
 */
public final class KeycloakProcess {

    /** USER_HZ: the unit of utime and stime in /proc; 100 on Linux for x86 and arm. */
    private static final long TICKS_PER_SECOND = 100;
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    private final long pid;

    public KeycloakProcess(long pid) {
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }

    /** User plus system CPU time of the whole process so far, in milliseconds (10 ms resolution). */
    public long cpuMillis() {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * 1000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the CPU time of process " + pid, e);
        }
    }

    /**
     * CPU time of the JIT compiler's threads so far, in milliseconds: work that follows the time since start and the
     * code paths seen, not the sign-ins, and fades as the JVM warms up. Exact only with
     * {@code -XX:-UseDynamicNumberOfCompilerThreads} (the benchmark's setting): otherwise an idle compiler thread may
     * end and take its count with it.
     */
    public long jitMillis() {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the threads of process " + pid, e);
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static long compilerTicks(Path thread) {
        try {
            if (!Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre(?s).*")) {
                return 0;
            }
            return ticks(Files.readString(thread.resolve("stat")));
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
    }

    /**
     * Methods the JIT has compiled so far and compiled methods it has thrown away ({@code jstat -compiler}, which
     * reads the JVM's performance counters without attaching to it): whether a block's compiler time is code compiled
     * for the first time, or the same code again.
     */
    public JitCounts jitCounts() {
        String[] lines = run(List.of(tool("jstat"), "-compiler", Long.toString(pid)), TOOL_TIMEOUT).strip().split("\\R");
        String[] values = lines[lines.length - 1].strip().split("\\s+");
        return new JitCounts(Long.parseLong(values[0]), Long.parseLong(values[2]));
    }

    /** Counts of {@link #jitCounts}: compilations done, and compiled methods invalidated (deoptimised, flushed). */
    public record JitCounts(long compiled, long invalidated) {
        JitCounts since(JitCounts earlier) {
            return new JitCounts(compiled - earlier.compiled, invalidated - earlier.invalidated);
        }
    }

    /** utime + stime of a {@code stat} line: the command name in parentheses may hold spaces, the fields after it not. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Keycloak's live objects after a full collection, by class. */
    public HeapHistogram liveHeap() {
        return new HeapHistogram(jcmd("GC.class_histogram").lines().toList());
    }

    public void startRecording(String name) {
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    public void stopRecording(String name, Path file) {
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    private String jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(tool("jcmd"), Long.toString(pid)));
        line.addAll(List.of(command));
        return run(line, TOOL_TIMEOUT);
    }

    /** A tool of the JDK that runs this code (Keycloak runs on the same one). */
    static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    static String run(List<String> command, Duration timeout) {
        try {
            Path output = Files.createTempFile("keycloak-process", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
                }
                String text = Files.readString(output);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

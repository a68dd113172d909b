package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackReaperTest {

    private static final Duration GONE_WITHIN = Duration.ofSeconds(30);

    private final List<ProcessHandle> started = new ArrayList<>();

    @TempDir
    Path logs;

    @AfterEach
    void stopWhatIsLeft() {
        for (ProcessHandle process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void theProcessesOfAKilledJvmAreStoppedWithTheirChildren() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartsAStackProcessAndWaits.class.getName(), logs.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(jvm.toHandle());
        List<ProcessHandle> stackProcesses = readPids(jvm);
        stackProcesses.forEach(started::add);
        assertEquals(3, stackProcesses.size(), "the shell and its two children");
        assertTrue(stackProcesses.stream().allMatch(ProcessHandle::isAlive));

        jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs, nothing of the stack is closed by its JVM
        assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));

        assertTrue(allGoneWithin(stackProcesses, GONE_WITHIN), "still running after their JVM was killed: " + stackProcesses);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Files.exists(listOf(jvm.pid())) && Instant.now().isBefore(deadline)) {
            ManagedProcess.sleep(Duration.ofMillis(100));
        }
        assertFalse(Files.exists(listOf(jvm.pid())), "the reaper deletes its list once done");
    }

    @Test
    void stopsEveryListedProcessAndItsDescendants() throws Exception {
        ProcessHandle shell = start("sh", "-c", "sleep 120 & sleep 120 & wait");
        List<ProcessHandle> children = awaitChildren(shell, 2);

        List<ProcessHandle> stopped = StackReaper.stop(List.of(StackReaper.Entry.of(shell).orElseThrow()), Duration.ofSeconds(5));

        assertEquals(3, stopped.size());
        List<ProcessHandle> all = new ArrayList<>(children);
        all.add(shell);
        assertTrue(allGoneWithin(all, Duration.ofSeconds(10)));
    }

    @Test
    void leavesAloneAProcessThatOnlySharesAListedId() throws Exception {
        ProcessHandle sleeper = start("sleep", "120");
        StackReaper.Entry listed = StackReaper.Entry.of(sleeper).orElseThrow();
        // The listed process started earlier: the id is another's now.
        StackReaper.Entry earlier = new StackReaper.Entry(listed.pid(), listed.startedMillis() - 60_000);

        assertEquals(List.of(), StackReaper.stop(List.of(earlier), Duration.ofSeconds(5)));
        assertTrue(sleeper.isAlive());
    }

    @Test
    void aProcessStoppedAsUsualIsTakenOffTheList() throws Exception {
        ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "120"), Map.of(), logs, logs.resolve("sleeper.log"));
        Path list = listOf(ProcessHandle.current().pid());
        String entry = StackReaper.Entry.of(ProcessHandle.of(process.pid()).orElseThrow()).orElseThrow().line();
        assertTrue(Files.readAllLines(list).contains(entry));

        process.close();

        assertFalse(Files.readAllLines(list).contains(entry));
    }

    @Test
    void theReaperIsNoDescendantOfTheJvmItWatches() throws Exception {
        try (ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "120"), Map.of(), logs, logs.resolve("s.log"))) {
            // The run command stops every descendant of its JVM as it ends: the reaper must not be among them.
            assertTrue(process.isAlive());
            assertEquals(List.of(), ProcessHandle.current().descendants()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains(StackReaper.class.getName())).orElse(false))
                    .toList());
        }
    }

    @Test
    void readsOnlyWellFormedLines() {
        assertEquals(Optional.of(new StackReaper.Entry(42, 1_700_000_000_000L)), StackReaper.Entry.parse("42 1700000000000"));
        assertEquals(Optional.empty(), StackReaper.Entry.parse("42"));
        assertEquals(Optional.empty(), StackReaper.Entry.parse("forty-two 1"));
        assertEquals(Optional.empty(), StackReaper.Entry.parse(""));
    }

    private ProcessHandle start(String... command) throws IOException {
        ProcessHandle process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().toHandle();
        started.add(process);
        return process;
    }

    private static List<ProcessHandle> awaitChildren(ProcessHandle parent, int count) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (parent.children().count() < count && Instant.now().isBefore(deadline)) {
            ManagedProcess.sleep(Duration.ofMillis(50));
        }
        return parent.children().toList();
    }

    private static boolean allGoneWithin(List<ProcessHandle> processes, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            ManagedProcess.sleep(Duration.ofMillis(100));
        }
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }

    private static Path listOf(long jvm) {
        return Path.of(System.getProperty("java.io.tmpdir"), "email-code-stack-" + jvm + ".processes");
    }

    private static List<ProcessHandle> readPids(Process jvm) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new AssertionError("the JVM ended before it started its stack process");
        }
        return Arrays.stream(line.split(" ")).map(Long::parseLong).map(ProcessHandle::of).flatMap(Optional::stream).toList();
    }

    /** A JVM that starts a stack process with two children, prints their ids and waits to be killed. */
    public static final class StartsAStackProcessAndWaits {

        public static void main(String[] args) throws InterruptedException {
            Path logs = Path.of(args[0]);
            ManagedProcess shell = ManagedProcess.start("sleepers", List.of("sh", "-c", "sleep 300 & sleep 300 & wait"), Map.of(),
                    logs, logs.resolve("sleepers.log"));
            ProcessHandle handle = ProcessHandle.of(shell.pid()).orElseThrow();
            List<ProcessHandle> children = awaitChildren(handle, 2);
            List<String> pids = new ArrayList<>(List.of(Long.toString(shell.pid())));
            children.forEach(child -> pids.add(Long.toString(child.pid())));
            System.out.println(String.join(" ", pids));
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }
}

package io.emailcode.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stops what the stack started once the JVM that started it is gone without stopping it (SIGKILL, a crash, a
 * timeout that killed Maven): otherwise Keycloak, DynamoDB Local and the emulators run on, hold their ports and make
 * the next run fail for no fault of its code. Each JVM that starts a stack process starts one small reaper JVM beside
 * it (forked into a session of its own, so neither a Ctrl-C meant for the build nor a JVM that stops its own
 * descendants as it ends takes it first) and keeps the list of the processes it started in a file; the reaper waits
 * for that JVM to end, then stops every listed process still running and all of their descendants, politely first. A process is recognised by its id and start time, so a
 * process id the system has given to another process since is left alone. A stack stopped as usual leaves an empty
 * list, and the reaper ends with its JVM.
 */
public final class StackReaper {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String LIST_PREFIX = "email-code-stack-";

    private static Path list;

    private StackReaper() {
    }

    /** Lists a process this JVM started, so it is stopped should this JVM end without stopping it. */
    static synchronized void watch(ProcessHandle process) {
        if (list == null) {
            list = startReaper();
        }
        Entry.of(process).ifPresent(entry -> append(list, entry));
    }

    /** Takes a process this JVM has stopped, or that has ended, off the list. */
    static synchronized void release(ProcessHandle process) {
        if (list == null) {
            return;
        }
        try {
            List<String> kept = Files.readAllLines(list).stream()
                    .filter(line -> Entry.parse(line).map(entry -> entry.pid() != process.pid()).orElse(false))
                    .toList();
            Files.write(list, kept);
        } catch (IOException e) {
            // The entry stays: the reaper checks each process's start time, so a stale line harms nothing.
        }
    }

    /** The reaper's JVM: {@code StackReaper <pid of the watched JVM> <list file>}. */
    public static void main(String[] args) throws IOException {
        Optional<ProcessHandle> watched = ProcessHandle.of(Long.parseLong(args[0]));
        Path processes = Path.of(args[1]);
        while (watched.map(ProcessHandle::isAlive).orElse(false)) {
            ManagedProcess.sleep(POLL);
        }
        if (Files.exists(processes)) {
            stop(Files.readAllLines(processes).stream().map(Entry::parse).flatMap(Optional::stream).toList(), STOP_TIMEOUT);
            Files.deleteIfExists(processes);
        }
    }

    /**
     * Stops every listed process that still runs as it was started, with its descendants: SIGTERM, then SIGKILL for
     * what is left after {@code timeout}.
     *
     * @return the processes it found running and stopped
     */
    static List<ProcessHandle> stop(List<Entry> entries, Duration timeout) {
        Set<ProcessHandle> running = new LinkedHashSet<>();
        for (Entry entry : entries) {
            entry.running().ifPresent(process -> {
                // Read before any is stopped: a child whose parent ended can no longer be found from it.
                running.add(process);
                running.addAll(process.descendants().toList());
            });
        }
        running.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(timeout);
        while (running.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            ManagedProcess.sleep(Duration.ofMillis(100));
        }
        running.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return new ArrayList<>(running);
    }

    private static Path startReaper() {
        long self = ProcessHandle.current().pid();
        Path processes = Path.of(System.getProperty("java.io.tmpdir"), LIST_PREFIX + self + ".processes");
        try {
            Files.write(processes, List.of());
            String classes = Path.of(StackReaper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                // Forked into a session of its own: no child of this JVM, so a JVM that stops all its descendants
                // as it ends (the run command's) leaves it to clean up.
                command.addAll(List.of("/usr/bin/setsid", "--fork"));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m", "-Xss256k",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classes, StackReaper.class.getName(),
                    Long.toString(self), processes.toString()));
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return processes;
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            throw new StackException("Could not start the stack's reaper, which stops the stack should this JVM be killed: "
                    + e.getMessage(), e);
        }
    }

    private static void append(Path processes, Entry entry) {
        try {
            Files.writeString(processes, entry.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StackException("Could not list process " + entry.pid() + " in " + processes + ": " + e.getMessage(), e);
        }
    }

    /** A process as listed: its id and its start time, which together name it even after the id is reused. */
    record Entry(long pid, long startedMillis) {

        static Optional<Entry> of(ProcessHandle process) {
            return process.info().startInstant().map(started -> new Entry(process.pid(), started.toEpochMilli()));
        }

        static Optional<Entry> parse(String line) {
            String[] fields = line.strip().split(" ");
            try {
                return fields.length == 2 ? Optional.of(new Entry(Long.parseLong(fields[0]), Long.parseLong(fields[1])))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String line() {
            return pid + " " + startedMillis;
        }

        /** The process, if it still runs as the one listed. */
        Optional<ProcessHandle> running() {
            return ProcessHandle.of(pid).filter(process -> Entry.of(process).equals(Optional.of(this)));
        }
    }
}

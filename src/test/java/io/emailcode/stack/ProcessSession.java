package io.emailcode.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of one Linux session (started with {@code setsid}): every process the run command starts
 * stays in it, even after its parent is gone, so the test can tell whether anything was left behind.
 */
final class ProcessSession {

    private final long sessionId;

    ProcessSession(long sessionId) {
        this.sessionId = sessionId;
    }

    /** Process ids whose session is this one, read from /proc. */
    List<Long> alive() {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (sessionOf(proc) == sessionId) {
                    members.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return members;
    }

    /** SIGKILL for whatever is left: the last resort when a test fails. */
    void killAll() {
        for (long pid : alive()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Field 6 of /proc/PID/stat; the command name before it may hold spaces and parentheses. */
    private static long sessionOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1; // the process ended while being read
        }
    }
}

package io.emailcode.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A scratch PostgreSQL server of an earlier run whose JVM ended without stopping it (a stopped {@code .ci/run}, a
 * killed Maven): it still holds its port, and the next stack on that port could not start. Only servers in this
 * stack's own scratch directories count, found by PostgreSQL's {@code postmaster.pid}; anything else on the port is
 * left alone.
 */
final class LeftoverPostgres {

    static final String SCRATCH_PREFIX = "email-code-postgres-";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /** postmaster.pid's lines: the server's process id first, its port fourth. */
    private static final int PID_LINE = 0;
    private static final int PORT_LINE = 3;

    private final Path scratchRoot;

    LeftoverPostgres(Path scratchRoot) {
        this.scratchRoot = scratchRoot;
    }

    static LeftoverPostgres inTempDirectory() {
        return new LeftoverPostgres(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Stops the leftover server that listens on {@code port}, if there is one, and deletes its scratch directory.
     *
     * @return whether there was one
     */
    boolean stopOnPort(int port) {
        Optional<Postmaster> leftover = onPort(port);
        leftover.ifPresent(postmaster -> {
            postmaster.process().ifPresent(LeftoverPostgres::stop);
            KeycloakHome.deleteRecursively(postmaster.scratch());
        });
        return leftover.isPresent();
    }

    /** The server of one of the stack's scratch directories on {@code port}, as its {@code postmaster.pid} says. */
    Optional<Postmaster> onPort(int port) {
        return scratchDirectories().stream().map(Postmaster::in).flatMap(Optional::stream)
                .filter(postmaster -> postmaster.port() == port).findFirst();
    }

    private List<Path> scratchDirectories() {
        try (Stream<Path> entries = Files.list(scratchRoot)) {
            return entries.filter(path -> path.getFileName().toString().startsWith(SCRATCH_PREFIX))
                    .filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * SIGINT first, PostgreSQL's fast shutdown: it ends the sessions an orphaned Keycloak may still hold (SIGTERM would
     * wait for them), and the server has exited, children included, before its directory is deleted. SIGKILL after.
     */
    private static void stop(ProcessHandle server) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
            server.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            server.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }

    /** What a scratch directory's {@code postmaster.pid} says, while its server runs. */
    record Postmaster(Path scratch, long pid, int port) {

        static Optional<Postmaster> in(Path scratch) {
            try {
                List<String> lines = Files.readAllLines(scratch.resolve("data").resolve("postmaster.pid"), StandardCharsets.UTF_8);
                if (lines.size() <= PORT_LINE) {
                    return Optional.empty();
                }
                return Optional.of(new Postmaster(scratch, Long.parseLong(lines.get(PID_LINE).strip()),
                        Integer.parseInt(lines.get(PORT_LINE).strip())));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** The server's process, if it still runs and is a PostgreSQL server. */
        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.endsWith("postgres")).orElse(true));
        }
    }
}

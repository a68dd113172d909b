package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and stopping the scratch PostgreSQL server an earlier run left on a port, and nothing else. */
class LeftoverPostgresTest {

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsTheServerAnEarlierRunLeftOnThePortAndDeletesItsScratchDirectory() throws Exception {
        Process server = fakeServer();
        Path scratch = scratch(LeftoverPostgres.SCRATCH_PREFIX + "1", server.pid(), 18420);

        boolean stopped = new LeftoverPostgres(root).stopOnPort(18420);

        assertTrue(stopped);
        assertTrue(server.waitFor(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(scratch));
    }

    @Test
    void leavesAServerOnAnotherPortRunning() throws Exception {
        Process server = fakeServer();
        Path scratch = scratch(LeftoverPostgres.SCRATCH_PREFIX + "2", server.pid(), 18421);

        assertFalse(new LeftoverPostgres(root).stopOnPort(18420));

        assertTrue(server.isAlive());
        assertTrue(Files.isDirectory(scratch));
    }

    @Test
    void leavesServersOutsideTheStacksScratchDirectoriesAlone() throws Exception {
        Process server = fakeServer();
        Path elsewhere = scratch("someone-elses-postgres", server.pid(), 18420);

        assertFalse(new LeftoverPostgres(root).stopOnPort(18420));

        assertTrue(server.isAlive());
        assertTrue(Files.isDirectory(elsewhere));
    }

    @Test
    void leavesADirectoryBeingSetUpAlone() throws IOException {
        Path settingUp = Files.createDirectories(root.resolve(LeftoverPostgres.SCRATCH_PREFIX + "3").resolve("data"));

        assertFalse(new LeftoverPostgres(root).stopOnPort(18420));

        assertTrue(Files.isDirectory(settingUp));
    }

    @Test
    void deletesTheScratchDirectoryOfAServerThatIsAlreadyGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path scratch = scratch(LeftoverPostgres.SCRATCH_PREFIX + "4", gone.pid(), 18420);

        assertTrue(new LeftoverPostgres(root).stopOnPort(18420));

        assertFalse(Files.exists(scratch));
    }

    /** A long-running process whose program is called {@code postgres}, as the server's is. */
    private Process fakeServer() throws IOException {
        Path program = root.resolve("bin").resolve("postgres");
        if (!Files.exists(program)) {
            Files.createDirectories(program.getParent());
            Files.copy(Path.of("/bin/sleep"), program, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Process process = new ProcessBuilder(program.toString(), "300").start();
        started.add(process);
        return process;
    }

    /** A scratch directory as PostgresServer makes it, with the pid file a running server writes. */
    private Path scratch(String name, long pid, int port) throws IOException {
        Path data = Files.createDirectories(root.resolve(name).resolve("data"));
        Files.writeString(data.resolve("postmaster.pid"), String.join("\n", Long.toString(pid), data.toString(),
                "1765000000", Integer.toString(port), root.toString(), "127.0.0.1", "  5432001    32768", "ready", ""));
        return root.resolve(name);
    }
}

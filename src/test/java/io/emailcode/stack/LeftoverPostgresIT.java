package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL server that its JVM never stopped (as when a run is killed) does not keep the next stack from
 * starting on its port: the next start stops it and takes the port.
 */
class LeftoverPostgresIT {

    @TempDir
    Path logs;

    @Test
    void aServerAnEarlierRunLeftOnThePortIsStoppedAndTheNewOneStarts() {
        int port = FreePort.next();
        PostgresServer left = PostgresServer.start(port, logs);
        List<ProcessHandle> leftServer = serverProcesses(port);
        try (PostgresServer next = PostgresServer.start(port, logs)) {
            assertTrue(ManagedProcess.isListening(next.port()));
            assertFalse(leftServer.isEmpty(), "the first server's postmaster.pid names its process");
            leftServer.forEach(process -> assertFalse(process.isAlive(), "the left server still runs"));
        } finally {
            left.close();
        }
    }

    /** The server on the port, found as the leftover check finds it: by its scratch directory's postmaster.pid. */
    private static List<ProcessHandle> serverProcesses(int port) {
        return LeftoverPostgres.inTempDirectory().onPort(port).flatMap(LeftoverPostgres.Postmaster::process).stream().toList();
    }
}

package io.emailcode.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server for a Keycloak cluster on loopback: the operating system's PostgreSQL
 * (Debian's {@code postgresql} package, or {@code initdb} and {@code postgres} on the PATH), a database
 * cluster in a fresh scratch directory, one database and one password-protected role. PostgreSQL refuses to
 * run as root, so when this JVM is root (as in CI) it runs as the package's {@code postgres} user.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    /** Only ever on 127.0.0.1, in a database that is deleted when the stack stops. */
    public static final String PASSWORD = "keycloak-local";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(2);

    private final ManagedProcess process;
    private final Path scratch;
    private final int port;

    private PostgresServer(ManagedProcess process, Path scratch, int port) {
        this.process = process;
        this.scratch = scratch;
        this.port = port;
    }

    /** @param logDir where initdb's and the server's output go */
    public static PostgresServer start(int port, Path logDir) {
        if (LeftoverPostgres.inTempDirectory().stopOnPort(port)) {
            System.err.println("Stopped a PostgreSQL server an earlier run left on 127.0.0.1:" + port + ".");
        }
        if (ManagedProcess.isListening(port)) {
            throw new StackException("Port " + port + " on 127.0.0.1 is already in use; cannot start PostgreSQL there.");
        }
        PostgresBinaries binaries = PostgresBinaries.find();
        RunAs runAs = RunAs.current();
        Path scratch = createScratch(runAs);
        Path data = scratch.resolve("data");
        try {
            Path passwordFile = Files.writeString(scratch.resolve("password"), PASSWORD + "\n");
            runAs.own(passwordFile);
            run("initdb", runAs.command(binaries.initdb(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF8"), null, logDir.resolve("postgres-initdb-" + port + ".log"));
            // Single-user mode creates the database without a running server or a client program.
            run("createdb", runAs.command(binaries.postgres(), "--single", "-D", data.toString(), "postgres"),
                    "CREATE DATABASE " + DATABASE + ";\n", logDir.resolve("postgres-createdb-" + port + ".log"));
        } catch (IOException | RuntimeException e) {
            KeycloakHome.deleteRecursively(scratch);
            throw e instanceof StackException se ? se
                    : new StackException("Could not set up PostgreSQL in " + scratch + ": " + e.getMessage(), e);
        }
        // A scratch database: durability buys nothing, and fsync costs seconds on a shared disk.
        List<String> command = runAs.command(binaries.postgres(), "-D", data.toString(), "-p", String.valueOf(port),
                "-h", "127.0.0.1", "-k", scratch.toString(), "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200");
        ManagedProcess process = ManagedProcess.start("PostgreSQL", command, Map.of(), scratch,
                logDir.resolve("postgres-" + port + ".log"));
        try {
            process.awaitPort(port, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            KeycloakHome.deleteRecursively(scratch);
            throw e;
        }
        return new PostgresServer(process, scratch, port);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return process.log();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        process.close();
        KeycloakHome.deleteRecursively(scratch);
    }

    private static Path createScratch(RunAs runAs) {
        try {
            Path scratch = Files.createTempDirectory(LeftoverPostgres.SCRATCH_PREFIX);
            runAs.own(scratch);
            return scratch;
        } catch (IOException e) {
            throw new StackException("Could not create a scratch directory for PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Runs a setup step to its end, feeding it {@code input}; a non-zero exit names its log. */
    private static void run(String what, List<String> command, String input, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process step = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (var stdin = step.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!step.waitFor(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                step.destroyForcibly();
                throw new StackException("PostgreSQL's " + what + " did not finish in time; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            step.destroyForcibly();
            throw new StackException("Interrupted while setting up PostgreSQL", e);
        }
        if (step.exitValue() != 0) {
            throw new StackException("PostgreSQL's " + what + " failed with exit code " + step.exitValue() + "; see " + log);
        }
    }

    /** Who the PostgreSQL processes run as: this user, or an unprivileged one when this user is root. */
    private record RunAs(String user, String group) {

        static RunAs current() {
            if (!"root".equals(System.getProperty("user.name"))) {
                return new RunAs(null, null);
            }
            for (String candidate : List.of("postgres", "nobody")) {
                String group = primaryGroup(candidate);
                if (group != null) {
                    return new RunAs(candidate, group);
                }
            }
            throw new StackException("PostgreSQL cannot run as root and there is no 'postgres' or 'nobody' user to run it as.");
        }

        /** setpriv (util-linux) switches user and then runs the command itself, so signals reach PostgreSQL. */
        List<String> command(String... command) {
            List<String> full = new ArrayList<>();
            if (user != null) {
                full.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--"));
            }
            full.addAll(List.of(command));
            return full;
        }

        void own(Path path) throws IOException {
            if (user == null) {
                return;
            }
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(lookup.lookupPrincipalByName(user));
            GroupPrincipal groupPrincipal = lookup.lookupPrincipalByGroupName(group);
            view.setGroup(groupPrincipal);
        }

        private static String primaryGroup(String user) {
            try {
                Process id = new ProcessBuilder("id", "-gn", user).redirectErrorStream(true).start();
                String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}

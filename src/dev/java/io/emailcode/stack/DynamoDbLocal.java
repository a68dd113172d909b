package io.emailcode.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local ({@code com.amazonaws:DynamoDBLocal}) as its own process, in memory, on one port of 127.0.0.1
 * (through {@code src/dev/stack/dynamodb-local/LoopbackServerRunner.java}: its own runner listens on every
 * interface). Its dependencies clash with ours in one classpath, so they are fetched into the work directory through
 * a separate POM ({@code src/dev/stack/dynamodb-local/pom.xml}) and never join the provider's build.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUNNER = "src/dev/stack/dynamodb-local/LoopbackServerRunner.java";

    private final ManagedProcess process;
    private final int port;

    private DynamoDbLocal(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Installs DynamoDB Local if needed and starts it on {@code port}, waiting until it accepts connections. */
    public static DynamoDbLocal start(StackSettings settings, int port) {
        if (ManagedProcess.isListening(port)) {
            throw new StackException("Port " + port + " is already in use; cannot start DynamoDB Local there.");
        }
        Path home = settings.workDir().resolve("dynamodb-local");
        Path lib = install(settings, home);
        Path tmp = createDirectories(home.resolve("tmp-" + port));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                // sqlite4java finds its native library (copied as libsqlite4java-<os>-<arch>-<version>.so) here.
                "-Djava.library.path=" + lib,
                "-Dsqlite4java.library.path=" + lib,
                "-cp", lib + "/*",
                settings.projectDir().resolve(RUNNER).toString(), "-inMemory", "-port", Integer.toString(port), "-disableTelemetry");
        ManagedProcess process = ManagedProcess.start("DynamoDB Local", command, Map.of(), home,
                home.resolve("dynamodb-local-" + port + ".log"));
        try {
            process.awaitPort(port, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new DynamoDbLocal(process, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the process writes its output. */
    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Copies DynamoDB Local and its dependencies into {@code home/lib} once; a marker records success. */
    private static Path install(StackSettings settings, Path home) {
        Path lib = home.resolve("lib");
        Path marker = home.resolve("installed-" + settings.dynamodbLocalVersion());
        if (Files.exists(marker)) {
            return lib;
        }
        createDirectories(home);
        Path pom = settings.projectDir().resolve("src/dev/stack/dynamodb-local/pom.xml");
        List<String> command = List.of(StackSettings.mavenExecutable(), "-B", "-q", "-f", pom.toString(),
                "dependency:copy-dependencies",
                "-Ddynamodb.local.version=" + settings.dynamodbLocalVersion(),
                "-DoutputDirectory=" + lib);
        Path log = home.resolve("install.log");
        ManagedProcess install = ManagedProcess.start("DynamoDB Local install", command, Map.of(), home, log);
        try {
            int exit = install.waitFor(INSTALL_TIMEOUT);
            if (exit != 0) {
                throw new StackException("Fetching DynamoDB Local " + settings.dynamodbLocalVersion()
                        + " failed with exit code " + exit + "; see " + log);
            }
        } finally {
            install.close();
        }
        try {
            Files.writeString(marker, settings.dynamodbLocalVersion());
        } catch (IOException e) {
            throw new StackException("Could not write " + marker + ": " + e.getMessage(), e);
        }
        return lib;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StackException("Could not create " + dir + ": " + e.getMessage(), e);
        }
    }
}

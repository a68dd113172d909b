package io.emailcode.keycloak.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local ({@code com.amazonaws:DynamoDBLocal} from Maven Central) as its own process, in memory, on loopback.
 * Its JARs are copied once by a separate POM ({@code src/test/stack/dynamodb-local/pom.xml}), never mixed with ours.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final ManagedProcess process;
    private final URI endpoint;

    private DynamoDbLocal(ManagedProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static DynamoDbLocal start(StackSettings settings, int port) {
        Path lib = install(settings);
        Path tmp = settings.workDir().resolve("dynamodb-local-tmp-" + port);
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new StackException("Could not create " + tmp, e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcess process = ManagedProcess.start("DynamoDB Local", List.of(java,
                        "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-Djava.library.path=" + lib, "-Dsqlite4java.library.path=" + lib,
                        "-cp", lib + "/*", "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                        "-inMemory", "-port", String.valueOf(port), "-disableTelemetry"),
                Map.of(), settings.workDir(), settings.workDir().resolve("dynamodb-local-" + port + ".log"));
        try {
            process.awaitPort(port, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new DynamoDbLocal(process, URI.create("http://127.0.0.1:" + port));
    }

    /** Copies DynamoDB Local and its dependencies into the work directory once. */
    static synchronized Path install(StackSettings settings) {
        Path lib = settings.workDir().resolve("dynamodb-local/lib");
        Path marker = lib.resolve(".installed-" + settings.dynamodbLocalVersion());
        if (Files.exists(marker)) {
            return lib;
        }
        Path pom = settings.projectDir().resolve("src/test/stack/dynamodb-local/pom.xml");
        Path log = settings.workDir().resolve("dynamodb-local-install.log");
        try (ManagedProcess mvn = ManagedProcess.start("DynamoDB Local install", List.of(StackSettings.mavenExecutable(),
                        "-B", "-q", "-f", pom.toString(), "dependency:copy-dependencies",
                        "-Ddynamodb.local.version=" + settings.dynamodbLocalVersion(), "-DoutputDirectory=" + lib,
                        "-Dmdep.stripVersion=false"),
                Map.of(), settings.projectDir(), log)) {
            int exit = mvn.waitFor(Duration.ofMinutes(10));
            if (exit != 0) {
                throw new StackException("Could not fetch DynamoDB Local (exit code " + exit + "); see " + log);
            }
        }
        linkNativeLibraries(lib);
        try {
            Files.writeString(marker, settings.dynamodbLocalVersion());
        } catch (IOException e) {
            throw new StackException("Could not write " + marker, e);
        }
        return lib;
    }

    /** sqlite4java looks for {@code libsqlite4java-linux-amd64.so}; Maven names it with its version. */
    private static void linkNativeLibraries(Path lib) {
        try (var files = Files.list(lib)) {
            for (Path so : files.filter(p -> p.getFileName().toString().matches("libsqlite4java-.*-[0-9.]+\\.so")).toList()) {
                String plain = so.getFileName().toString().replaceAll("-[0-9.]+\\.so$", ".so");
                Files.copy(so, lib.resolve(plain), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StackException("Could not prepare DynamoDB Local's native libraries in " + lib, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.close();
    }
}

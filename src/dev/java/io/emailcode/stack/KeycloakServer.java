package io.emailcode.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak from the Maven Central distribution, with the provider JAR and the realm export, on loopback.
 * Augmentation ({@code kc.sh build}) runs only when the provider JAR or the build options changed, so a
 * second start with nothing changed goes straight to {@code start --optimized}. Keycloak runs on the JDK
 * that runs this code.
 */
public final class KeycloakServer implements AutoCloseable {

    /** Build-time options: the same for the demo and the tests, so one augmentation serves both. */
    static final List<String> BUILD_OPTIONS = List.of(
            "--db=dev-file", "--health-enabled=true", "--metrics-enabled=true",
            "--spi-email-sender--provider=ses");

    private static final String PROVIDER_FILE = "keycloak-email-code.jar";
    private static final String TESTING_PROVIDER_FILE = "keycloak-email-code-testing.jar";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final ManagedProcess process;
    private final URI baseUrl;
    private final Duration startTime;

    private KeycloakServer(ManagedProcess process, URI baseUrl, Duration startTime) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startTime = startTime;
    }

    /**
     * @param home        where this instance's copy of the distribution lives (one per stack: demo, tests)
     * @param keepData     keep the database of the last run unless the realm export changed; otherwise start empty
     * @param extraOptions runtime options, e.g. endpoints of the emulators
     * @param environment  environment of the server process, e.g. AWS credentials for the emulators
     */
    public static KeycloakServer start(StackSettings settings, Path home, int port, int managementPort, boolean keepData,
                                       List<String> extraOptions, Map<String, String> environment) {
        long started = System.nanoTime();
        unpack(settings.workDir().resolve("keycloak-dist.zip"), home);
        boolean providerChanged = copyIfChanged(settings.providerJar(), home.resolve("providers").resolve(PROVIDER_FILE));
        providerChanged |= placeTestingProvider(settings, home.resolve("providers").resolve(TESTING_PROVIDER_FILE));
        boolean realmChanged = copyRealmExports(settings.projectDir().resolve("realm-export"), home.resolve("data").resolve("import"));
        if (!keepData || realmChanged) {
            deleteRecursively(home.resolve("data").resolve("h2"));
        }
        Map<String, String> env = new java.util.HashMap<>(environment);
        // kc.sh looks for Java through JAVA_HOME, then the PATH: point it at the JDK that runs this code.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        buildIfNeeded(home, providerChanged, env);

        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + managementPort, "--hostname-strict=false",
                "--cache=local", "--import-realm"));
        command.addAll(extraOptions);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        ManagedProcess process = ManagedProcess.start("Keycloak", command, env, home, freshLog(home));
        try {
            process.awaitHttp(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), s -> s == 200, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new KeycloakServer(process, URI.create("http://localhost:" + port), Duration.ofNanos(System.nanoTime() - started));
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Path log() {
        return process.log();
    }

    /** From the call to start until ready, including unpacking and augmentation when they were needed. */
    public Duration startTime() {
        return startTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    private static void buildIfNeeded(Path home, boolean providerChanged, Map<String, String> environment) {
        Path marker = home.resolve(".build-options");
        String wanted = String.join(" ", BUILD_OPTIONS);
        try {
            if (!providerChanged && Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            Path log = home.resolve("build.log");
            try (ManagedProcess build = ManagedProcess.start("Keycloak build", command, environment, home, log)) {
                int exit = build.waitFor(Duration.ofMinutes(5));
                if (exit != 0) {
                    throw new StackException("Keycloak build failed with exit code " + exit + "; see " + log);
                }
            }
            Files.writeString(marker, wanted);
        } catch (IOException e) {
            throw new StackException("Could not record Keycloak's build options in " + marker, e);
        }
    }

    private static void unpack(Path zip, Path home) {
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return;
        }
        if (!Files.exists(zip)) {
            throw new StackException("The Keycloak distribution " + zip + " is missing; run the build through Maven (see README).");
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        deleteRecursively(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = partial.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(partial)) {
                    throw new StackException("Unexpected path in " + zip + ": " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
                for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("Could not unpack " + zip + " into " + home + ": " + e.getMessage(), e);
        }
    }

    /** Where this start logs; a log of an earlier start of the same home is kept as {@code keycloak-<n>.log}. */
    private static Path freshLog(Path home) {
        Path log = home.resolve("keycloak.log");
        try {
            for (int n = 1; Files.exists(log); n++) {
                Path kept = home.resolve("keycloak-" + n + ".log");
                if (!Files.exists(kept)) {
                    Files.move(log, kept);
                }
            }
            return log;
        } catch (IOException e) {
            throw new StackException("Could not keep the previous Keycloak log in " + home, e);
        }
    }

    /** Every log of this home, the current one and those of earlier starts. */
    public List<Path> logs() {
        try (Stream<Path> files = Files.list(process.log().getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("keycloak(-\\d+)?\\.log")).sorted().toList();
        } catch (IOException e) {
            throw new StackException("Could not list Keycloak's logs", e);
        }
    }

    /** The tests' extra provider where they ask for it, and nowhere else; @return whether providers changed. */
    private static boolean placeTestingProvider(StackSettings settings, Path target) {
        if (settings.testingProvider().isPresent()) {
            return copyIfChanged(settings.testingProvider().get(), target);
        }
        try {
            return Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new StackException("Could not remove " + target, e);
        }
    }

    /** @return whether the target changed */
    static boolean copyIfChanged(Path source, Path target) {
        if (!Files.exists(source)) {
            throw new StackException("The provider JAR " + source + " is missing; build it first (mvn package).");
        }
        try {
            if (Files.exists(target) && sha256(source).equals(sha256(target))) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new StackException("Could not copy " + source + " to " + target, e);
        }
    }

    /** @return whether any realm export differs from the copy the last start imported */
    private static boolean copyRealmExports(Path from, Path to) {
        boolean changed = false;
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                changed |= copyIfChanged(file, to.resolve(file.getFileName()));
            }
            return changed;
        } catch (IOException e) {
            throw new StackException("Could not copy the realm export from " + from, e);
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StackException("Could not delete " + path, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

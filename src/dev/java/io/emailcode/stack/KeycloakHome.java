package io.emailcode.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One Keycloak installation directory: the Maven Central distribution unpacked, the provider JAR in
 * {@code providers/}, the realm export in {@code data/import}, augmented ({@code kc.sh build}) only when the
 * provider JAR or the build options changed, so a second start with nothing changed goes straight to
 * {@code start --optimized}.
 */
public final class KeycloakHome {

    /** A node on its own file database: the same for the demo and the tests, so one augmentation serves both. */
    public static final List<String> SINGLE_NODE_BUILD = List.of(
            "--db=dev-file", "--health-enabled=true", "--metrics-enabled=true", "--spi-email-sender--provider=ses");
    /** A node of a cluster on PostgreSQL, as the production Containerfile builds it. */
    public static final List<String> CLUSTER_BUILD = List.of(
            "--db=postgres", "--health-enabled=true", "--metrics-enabled=true", "--spi-email-sender--provider=ses");

    private static final String PROVIDER_FILE = "keycloak-email-code.jar";
    private static final String TESTING_PROVIDER_FILE = "keycloak-email-code-testing.jar";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private final Path dir;

    private KeycloakHome(Path dir) {
        this.dir = dir;
    }

    /**
     * @param distribution the distribution ZIP of the Keycloak version to run
     * @param keepData     keep the file database of the last run unless the realm export changed
     */
    public static KeycloakHome prepare(StackSettings settings, Path distribution, Path dir, List<String> buildOptions,
                                       boolean keepData) {
        unpack(distribution, dir);
        boolean providerChanged = copyIfChanged(settings.providerJar(), dir.resolve("providers").resolve(PROVIDER_FILE));
        providerChanged |= placeTestingProvider(settings, dir.resolve("providers").resolve(TESTING_PROVIDER_FILE));
        boolean realmChanged = copyRealmExports(settings.projectDir().resolve("realm-export"), dir.resolve("data").resolve("import"));
        if (!keepData || realmChanged) {
            deleteRecursively(dir.resolve("data").resolve("h2"));
        }
        KeycloakHome home = new KeycloakHome(dir);
        home.buildIfNeeded(providerChanged, buildOptions);
        return home;
    }

    public Path dir() {
        return dir;
    }

    Path script() {
        return dir.resolve("bin/kc.sh");
    }

    /**
     * A home for one node of a cluster: hard links to this home's files (a few seconds, no disk), and a data
     * directory of its own, since Keycloak keeps its transaction log and temporary files there.
     */
    public KeycloakHome linkedCopy(Path target) {
        deleteRecursively(target);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path source : walk.toList()) {
                Path relative = dir.relativize(source);
                boolean nodeData = relative.startsWith("data") && !relative.equals(Path.of("data"))
                        && !relative.startsWith(Path.of("data", "import"));
                if (nodeData) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.createLink(copy, source);
                }
            }
            return new KeycloakHome(target);
        } catch (IOException e) {
            throw new StackException("Could not link " + dir + " into " + target + ": " + e.getMessage(), e);
        }
    }

    private void buildIfNeeded(boolean providerChanged, List<String> buildOptions) {
        Path marker = dir.resolve(".build-options");
        String wanted = String.join(" ", buildOptions);
        try {
            if (!providerChanged && Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(script().toString(), "build"));
            command.addAll(buildOptions);
            Path log = dir.resolve("build.log");
            try (ManagedProcess build = ManagedProcess.start("Keycloak build", command,
                    KeycloakServer.environment(Map.of(), ""), dir, log)) {
                int exit = build.waitFor(BUILD_TIMEOUT);
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
            if (Files.exists(home)) {
                // The Cognito emulator's state may already sit in the home's data directory: the distribution goes
                // beside it, bin (and so kc.sh, which marks a complete home) last.
                try (Stream<Path> entries = Files.list(partial)) {
                    for (Path entry : entries.sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals("bin"))).toList()) {
                        Files.move(entry, home.resolve(entry.getFileName().toString()));
                    }
                }
                Files.delete(partial);
            } else {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new StackException("Could not unpack " + zip + " into " + home + ": " + e.getMessage(), e);
        }
    }

    /** @return whether the target changed */
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
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StackException("Could not delete " + path, e);
        }
    }

    static String sha256(Path file) throws IOException {
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

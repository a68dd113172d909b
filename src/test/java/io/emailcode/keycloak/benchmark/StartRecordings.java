package io.emailcode.keycloak.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flight recordings that every Keycloak JVM the stack starts keeps from its start, each written into one directory
 * when the JVM stops. Started with the JVM, a recording changes nothing during the run; one started later, by
 * {@code jcmd}, makes the JVM run much of its compiled code unoptimised again, so it would measure itself.
 */
final class StartRecordings {

    private StartRecordings() {
    }

    /**
     * Adds a recording with {@code options} (e.g. {@code settings=profile}) to the Keycloak JVMs started from now on,
     * into a directory of {@code results} that it empties.
     *
     * @param jvmOptions further options the recording needs (e.g. its stack depth)
     * @return the directory the recordings are written into
     */
    static Path add(Path results, String name, String options, String... jvmOptions) {
        try {
            Path directory = results.resolve(name);
            if (Files.isDirectory(directory)) {
                try (Stream<Path> old = Files.list(directory)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(directory);
            String jvm = System.getProperty("stack.keycloakJavaOptions", "");
            System.setProperty("stack.keycloakJavaOptions", (jvm + " -XX:StartFlightRecording=" + options
                    + ",filename=" + directory.toAbsolutePath() + "/,dumponexit=true " + String.join(" ", jvmOptions)).trim());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recordings the JVMs wrote into {@code directory}. */
    static List<Path> in(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

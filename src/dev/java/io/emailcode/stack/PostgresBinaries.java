package io.emailcode.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the operating system keeps PostgreSQL's server programs: Debian's {@code /usr/lib/postgresql/<major>/bin}
 * (the newest major version installed), else {@code initdb} and {@code postgres} on the PATH (e.g. Homebrew).
 */
record PostgresBinaries(String initdb, String postgres) {

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    static PostgresBinaries find() {
        return debian().or(PostgresBinaries::onPath).orElseThrow(() -> new StackException(
                "The cluster needs PostgreSQL's server programs initdb and postgres: install them (Debian and Ubuntu:"
                        + " apt-get install postgresql; macOS: brew install postgresql) or put them on the PATH."));
    }

    private static Optional<PostgresBinaries> debian() {
        if (!Files.isDirectory(DEBIAN)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparingInt(PostgresBinaries::majorVersion))
                    .map(bin -> new PostgresBinaries(bin.resolve("initdb").toString(), bin.resolve("postgres").toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<PostgresBinaries> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        Optional<Path> initdb = Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, "initdb"))
                .filter(Files::isExecutable).findFirst();
        return initdb.map(Path::getParent).filter(dir -> Files.isExecutable(dir.resolve("postgres")))
                .map(dir -> new PostgresBinaries(dir.resolve("initdb").toString(), dir.resolve("postgres").toString()));
    }

    /** {@code /usr/lib/postgresql/15/bin} -> 15; anything else sorts first. */
    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

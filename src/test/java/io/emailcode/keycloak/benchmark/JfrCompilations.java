package io.emailcode.keycloak.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The JIT compiler's compilations during a load, by whose code: read from flight recordings of {@code jdk.Compilation}
 * alone ({@link #settings}) that Keycloak's JVMs keep from their start ({@link #recordFromStart}). A recording started
 * later, by {@code jcmd}, makes the JVM throw away and compile again much of its code (tried: the warm blocks after it
 * cost 1.6x to 1.8x their usual CPU), so it would measure itself. A compilation's time is how long the compiler thread
 * took, not CPU.
 */
final class JfrCompilations {

    static final String SETTINGS_FILE = "compilations.jfc";
    private static final String PROVIDER = "io.emailcode.keycloak.";
    private static final String SDK = PROVIDER + "shaded.";
    private static final Pattern ENABLED = Pattern.compile("(<setting name=\"enabled\"[^>]*>)true(</setting>)");
    private static final Pattern COMPILATION = Pattern.compile("(<event name=\"jdk\\.Compilation\">.*?)</event>", Pattern.DOTALL);

    /** The compiler's work during one load. */
    record Work(int compilations, Duration time, Duration provider, Duration sdk) {
        static final Work NONE = new Work(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        Work plus(Work other) {
            return new Work(compilations + other.compilations, time.plus(other.time), provider.plus(other.provider),
                    sdk.plus(other.sdk));
        }

        /** The provider's share (its own code and the AWS SDK and HTTP client it carries), 0 to 1. */
        double providerShare() {
            return time.isZero() ? 0 : (double) provider.toNanos() / time.toNanos();
        }

        double sdkShare() {
            return time.isZero() ? 0 : (double) sdk.toNanos() / time.toNanos();
        }
    }

    private record Compilation(Instant start, Duration time, String type) {
    }

    private final List<Compilation> compilations;

    private JfrCompilations(List<Compilation> compilations) {
        this.compilations = compilations;
    }

    /**
     * Has every Keycloak JVM the stack starts from now on record its compilations from its start, into a directory of
     * {@code results} that it empties; each JVM writes its file there when it stops.
     *
     * @return the directory, for {@link #readAll}
     */
    static Path recordFromStart(Path results) {
        return StartRecordings.add(results, "compilations", "settings=" + settings(results));
    }

    /** Every recording in {@code directory}, as one: each JVM's compilations fall in its own time. */
    static JfrCompilations readAll(Path directory) {
        List<Compilation> all = new ArrayList<>();
        for (Path file : StartRecordings.in(directory)) {
            all.addAll(read(file).compilations);
        }
        return new JfrCompilations(all);
    }

    static JfrCompilations read(Path recording) {
        List<Compilation> all = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.Compilation")) {
                    RecordedMethod method = event.getValue("method");
                    all.add(new Compilation(event.getStartTime(), event.getDuration(), method == null ? "" : method.getType().getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JfrCompilations(all);
    }

    /** The compilations that started in [from, to). */
    Work during(Instant from, Instant to) {
        Work work = Work.NONE;
        for (Compilation c : compilations) {
            if (!c.start.isBefore(from) && c.start.isBefore(to)) {
                work = work.plus(of(c.type, c.time));
            }
        }
        return work;
    }

    static Work of(String type, Duration time) {
        boolean provider = type.startsWith(PROVIDER);
        return new Work(1, time, provider ? time : Duration.ZERO, type.startsWith(SDK) ? time : Duration.ZERO);
    }

    /**
     * Writes the settings of a recording of compilations alone into {@code directory}: the JDK's {@code default.jfc}
     * with every event off but {@code jdk.Compilation}, recorded at any duration.
     */
    static Path settings(Path directory) {
        try {
            String jdkDefault = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "default.jfc"));
            String allOff = ENABLED.matcher(jdkDefault).replaceAll("$1false$2");
            Matcher compilation = COMPILATION.matcher(allOff);
            if (!compilation.find()) {
                throw new IllegalStateException("the JDK's default.jfc has no jdk.Compilation event");
            }
            String event = compilation.group(1).replace(">false<", ">true<")
                    .replaceAll("<setting name=\"threshold\"[^>]*>[^<]*</setting>", "<setting name=\"threshold\">0 ms</setting>");
            Path file = directory.resolve(SETTINGS_FILE);
            Files.writeString(file, allOff.substring(0, compilation.start()) + event + "</event>" + allOff.substring(compilation.end()));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.emailcode.keycloak.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Keycloak's execution samples from recordings its JVMs keep from their start ({@code -Dbench.profileFromStart=true}),
 * split into {@link JfrParts} for the loads they fell in: each way's share of parts from its own blocks, with no
 * recording started during the run to make one block dearer than another. Stacks are kept 256 frames deep, so a
 * frame of the provider far below the sample's top is still seen.
 */
final class JfrProfiles {

    private static final String OPTIONS = "settings=profile";
    private static final String STACK_DEPTH = "-XX:FlightRecorderOptions=stackdepth=256";

    /** One execution sample: when, and its frames innermost first as {@code class.method}. */
    record Sample(Instant at, List<String> stack) {
    }

    private final List<Sample> samples;

    JfrProfiles(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /**
     * Has every Keycloak JVM the stack starts from now on sample its execution from its start.
     *
     * @return the directory the recordings are written into, for {@link #readAll}
     */
    static Path recordFromStart(Path results) {
        return StartRecordings.add(results, "profiles", OPTIONS, STACK_DEPTH);
    }

    static JfrProfiles readAll(Path directory) {
        List<Sample> all = new ArrayList<>();
        for (Path file : StartRecordings.in(directory)) {
            all.addAll(read(file));
        }
        return new JfrProfiles(all);
    }

    static List<Sample> read(Path recording) {
        List<Sample> samples = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    samples.add(new Sample(event.getStartTime(), event.getStackTrace().getFrames().stream()
                            .map(JfrProfiles::frame).toList()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    /** The samples taken while any of {@code blocks} ran, split into parts. */
    JfrParts during(List<Bench.Measured> blocks) {
        return JfrParts.of(samples.stream()
                .filter(sample -> blocks.stream().anyMatch(block -> !sample.at().isBefore(block.started())
                        && sample.at().isBefore(block.started().plus(block.wall()))))
                .map(Sample::stack)
                .toList());
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}

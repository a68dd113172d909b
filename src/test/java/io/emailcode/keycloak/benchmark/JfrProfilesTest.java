package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfilesTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void onlyTheSamplesTakenWhileABlockRanAreSplitIntoParts() {
        JfrProfiles profiles = new JfrProfiles(List.of(
                new JfrProfiles.Sample(START.plusMillis(200), List.of("org.keycloak.services.Foo.bar", "java.lang.Thread.run")),
                new JfrProfiles.Sample(START.plusMillis(500), List.of("io.emailcode.keycloak.shaded.software.amazon.awssdk.Foo.call",
                        "io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticator.authenticate")),
                new JfrProfiles.Sample(START.plusMillis(2500), List.of("io.emailcode.keycloak.shaded.software.amazon.awssdk.Foo.call")),
                new JfrProfiles.Sample(START.minusMillis(1), List.of("org.keycloak.services.Foo.bar"))));

        JfrParts parts = profiles.during(List.of(block(START, Duration.ofSeconds(1))));

        assertEquals(2, parts.samples());
        assertEquals(1, parts.parts().get(JfrParts.AWS_SDK));
        assertEquals(1, parts.parts().get(JfrParts.KEYCLOAK));
        assertEquals(4, profiles.during(List.of(block(START.minusSeconds(1), Duration.ofSeconds(10)))).samples());
    }

    @Test
    void aRecordingHoldsTheSamplesOfTheLoadItRanAround() throws Exception {
        Path file = directory.resolve("profile.jfr");
        Instant started;
        Duration wall;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            started = Instant.now();
            assertTrue(spin(Duration.ofSeconds(1)) != 0);
            wall = Duration.between(started, Instant.now());
            recording.stop();
            recording.dump(file);
        }

        JfrParts parts = new JfrProfiles(JfrProfiles.read(file)).during(List.of(block(started, wall)));
        assertTrue(parts.samples() > 0, "no sample in the load's time");
        assertTrue(parts.parts().get(JfrParts.PROVIDER) > 0, "this test's own method is in the provider's package: " + parts);
        assertEquals(0, new JfrProfiles(JfrProfiles.read(file)).during(List.of(block(started.plusSeconds(60), wall))).samples());
    }

    private static long spin(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        long sum = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                sum += (i * 31L) ^ (sum >>> 3);
            }
        }
        return sum | 1;
    }

    private static Bench.Measured block(Instant started, Duration wall) {
        return new Bench.Measured("email", 10, 0, 100, 0, started, wall, Map.of(), new KeycloakProcess.JitCounts(0, 0));
    }
}

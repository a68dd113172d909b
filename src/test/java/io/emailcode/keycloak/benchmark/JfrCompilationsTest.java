package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrCompilationsTest {

    @TempDir
    Path directory;

    @Test
    void theProvidersShareIsItsOwnCodeWithTheSdkItCarries() {
        JfrCompilations.Work work = JfrCompilations.of("io.emailcode.keycloak.shaded.software.amazon.awssdk.core.Foo", Duration.ofMillis(3))
                .plus(JfrCompilations.of("io.emailcode.keycloak.code.CodeHasher", Duration.ofMillis(1)))
                .plus(JfrCompilations.of("org.keycloak.services.Bar", Duration.ofMillis(4)));

        assertEquals(3, work.compilations());
        assertEquals(0.5, work.providerShare(), 1e-9);
        assertEquals(0.375, work.sdkShare(), 1e-9);
    }

    @Test
    void aRecordingWithItsSettingsHoldsTheCompilationsOfTheLoadItWasAround() throws Exception {
        Path settings = JfrCompilations.settings(directory);
        String text = Files.readString(settings);
        assertTrue(text.contains("<event name=\"jdk.Compilation\">"), text.substring(0, 200));

        Path file = directory.resolve("compilations.jfr");
        Instant started;
        Instant ended;
        try (Recording recording = new Recording(Configuration.create(settings))) {
            recording.start();
            started = Instant.now();
            long sum = 0;
            for (int i = 0; i < 200_000; i++) {
                sum += freshlyCompiled(i);
            }
            assertTrue(sum != 0);
            Thread.sleep(500); // compilations run on the compiler's threads
            ended = Instant.now();
            recording.stop();
            recording.dump(file);
        }

        JfrCompilations.Work work = JfrCompilations.read(file).during(started, ended);
        assertTrue(work.compilations() > 0, "no compilation recorded");
        assertTrue(work.provider().compareTo(Duration.ZERO) > 0, "this test's own method is the provider's package's");
        assertEquals(JfrCompilations.Work.NONE, JfrCompilations.read(file).during(ended.plusSeconds(60), ended.plusSeconds(61)));
    }

    private static long freshlyCompiled(int i) {
        return (i * 31L) ^ (i >>> 3);
    }
}

package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapHistogramTest {

    private static final List<String> PRINTED = List.of(
            "29717:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:        460100       40008488  [B (java.base@25.0.3)",
            "   2:        437237       10493688  java.lang.String (java.base@25.0.3)",
            "   3:        266394        8524608  java.util.concurrent.ConcurrentHashMap$Node (java.base@25.0.3)",
            "Total       1163731       59026784");

    @Test
    void theLiveBytesAreTheTotalOfEveryClassNotOnlyTheLargest() {
        assertEquals(59_026_784L, new HeapHistogram(PRINTED).liveBytes());
    }

    @Test
    void theLargestClassesAreWrittenWithTheTotal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("heap.txt");
        new HeapHistogram(PRINTED).writeLargest(file, 2);
        List<String> written = Files.readAllLines(file);
        assertEquals(PRINTED.subList(0, 5), written.subList(0, 5));
        assertEquals("Total bytes live: 59026784", written.get(5));
        assertEquals(6, written.size());
    }

    @Test
    void aHistogramWithoutItsTotalIsAnError() {
        assertThrows(IllegalStateException.class, () -> new HeapHistogram(PRINTED.subList(0, 5)).liveBytes());
    }
}

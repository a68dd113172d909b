package io.emailcode.keycloak.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code jcmd <pid> GC.class_histogram} printed: it collects first, then counts every object that survived, so
 * its total is the heap's live bytes, whatever the process allocates a moment later.
 */
record HeapHistogram(List<String> lines) {

    /** The process id and two header lines come before the classes. */
    private static final int HEADER_LINES = 3;

    HeapHistogram {
        lines = List.copyOf(lines);
    }

    /** The bytes of every live object: the last line, {@code Total <instances> <bytes>}. */
    long liveBytes() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] fields = lines.get(i).strip().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        throw new IllegalStateException("A class histogram without its total: " + String.join("\n", lines));
    }

    /** The header and the largest {@code classes} classes by bytes (the histogram is sorted so), then the total. */
    void writeLargest(Path file, int classes) {
        List<String> largest = new ArrayList<>(lines.subList(0, Math.min(lines.size(), classes + HEADER_LINES)));
        largest.add("Total bytes live: " + liveBytes());
        try {
            Files.write(file, largest);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }
}

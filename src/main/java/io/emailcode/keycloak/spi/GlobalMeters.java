package io.emailcode.keycloak.spi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Optional;

/**
 * Micrometer's global registry, which Keycloak's metrics endpoint ({@code --metrics-enabled=true}) joins, or nothing on
 * a server without Micrometer on the class path: counting there is a no-op, not a failure.
 */
public final class GlobalMeters {

    private GlobalMeters() {
    }

    public static Optional<MeterRegistry> registry() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, GlobalMeters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.of(Metrics.globalRegistry);
    }
}

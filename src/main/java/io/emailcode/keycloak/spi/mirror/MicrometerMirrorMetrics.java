package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mirror outcomes on Keycloak's metrics endpoint ({@code --metrics-enabled=true}): Keycloak's Micrometer
 * registry joins Micrometer's global registry, which providers can reach.
 * {@code keycloak_cognito_mirror_total{operation,outcome}} and {@code keycloak_cognito_mirror_pending}.
 */
final class MicrometerMirrorMetrics implements MirrorMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    private MicrometerMirrorMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("keycloak.cognito.mirror.pending", pending);
    }

    /** Counting without Micrometer on the class path (a stripped-down server) is a no-op, not a failure. */
    static MirrorMetrics createIfAvailable() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, MicrometerMirrorMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return MirrorMetrics.NONE;
        }
        return new MicrometerMirrorMetrics(Metrics.globalRegistry);
    }

    @Override
    public void outcome(String operation, String outcome) {
        Counter.builder("keycloak.cognito.mirror").description("Cognito mirror calls by outcome")
                .tag("operation", operation).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void pending(long count) {
        pending.set(count);
    }
}

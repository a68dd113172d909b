package io.emailcode.keycloak.mirror;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the delay doubles per attempt up to a cap, and half of it is
 * random, so a cluster that queued many users during an outage does not hit the pool in lockstep after it.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The wait before the attempt after {@code failures} failed ones (1 = first retry). */
    public Duration delay(int failures) {
        int exponent = Math.min(Math.max(failures - 1, 0), 30);
        long capped = Math.min(max.toMillis(), base.toMillis() << exponent);
        long half = capped / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (capped - half)));
    }
}

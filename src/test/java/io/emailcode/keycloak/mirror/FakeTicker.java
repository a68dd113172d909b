package io.emailcode.keycloak.mirror;

import java.time.Duration;

/** Monotonic time the tests move: sleeping advances it at once, so paced work runs instantly in fake seconds. */
public final class FakeTicker implements Ticker {

    private long nanos;

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        nanos += duration.toNanos();
    }

    public synchronized void advance(long by) {
        nanos += by;
    }
}

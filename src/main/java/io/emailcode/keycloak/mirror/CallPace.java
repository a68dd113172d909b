package io.emailcode.keycloak.mirror;

import java.time.Duration;

/**
 * At most a given number of calls per second: each call waits for its slot, one every {@code 1/n} seconds, so bulk
 * work (a full reconciliation) stays under Cognito's per-account quotas, which the apps reading the pool share.
 * Thread-safe; the slots are handed out in order.
 */
public final class CallPace {

    public static final CallPace UNLIMITED = new CallPace(0, Ticker.SYSTEM);

    private final long intervalNanos;
    private final Ticker ticker;
    private long next = Long.MIN_VALUE;

    private CallPace(long intervalNanos, Ticker ticker) {
        this.intervalNanos = intervalNanos;
        this.ticker = ticker;
    }

    public static CallPace perSecond(int calls, Ticker ticker) {
        if (calls < 1) {
            throw new IllegalArgumentException("at least one call per second");
        }
        return new CallPace(1_000_000_000L / calls, ticker);
    }

    /** Waits for the next slot. */
    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = ticker.nanos();
            slot = next == Long.MIN_VALUE || next - now < 0 ? now : next;
            next = slot + intervalNanos;
        }
        long wait = slot - ticker.nanos();
        if (wait <= 0) {
            return;
        }
        try {
            ticker.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirrorException("interrupted while waiting for a Cognito call slot", true, e);
        }
    }
}

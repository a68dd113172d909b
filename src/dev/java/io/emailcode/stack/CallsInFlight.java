package io.emailcode.stack;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls are in flight at once through one or more {@link CountingProxy} instances, and the most there
 * ever were since the last reset: shared by the proxies in front of one emulator, it shows whether two callers
 * ever overlapped.
 */
public final class CallsInFlight {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    void enter() {
        int current = now.incrementAndGet();
        most.accumulateAndGet(current, Math::max);
    }

    void leave() {
        now.decrementAndGet();
    }

    /** The highest number of calls in flight at the same time since the last {@link #reset}. */
    public int most() {
        return most.get();
    }

    public void reset() {
        most.set(now.get());
    }
}

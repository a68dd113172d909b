package io.emailcode.keycloak.code;

import java.time.Duration;
import java.util.Objects;

/**
 * The cap on consecutive wrong codes per slot, across codes and past their expiry, reset only by a successful
 * sign-in (NIST SP 800-63B 5.2.2 allows at most 100). Reaching it locks the slot: no codes, no guesses. Each
 * lock since the last success lasts twice as long as the one before, up to {@code maxLock}; after a lock the
 * slot gets another {@code cap} guesses.
 *
 * @param cap     consecutive failures that lock the slot
 * @param lock    the first lock's length
 * @param maxLock the longest lock
 */
public record FailurePolicy(int cap, Duration lock, Duration maxLock) {

    public static final int NIST_MAX_CAP = 100;

    public FailurePolicy {
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(maxLock, "maxLock");
        if (cap < 1 || cap > NIST_MAX_CAP) {
            throw new IllegalArgumentException("cap must be 1-" + NIST_MAX_CAP);
        }
        if (lock.isNegative() || lock.isZero() || maxLock.compareTo(lock) < 0) {
            throw new IllegalArgumentException("lock must be positive and at most maxLock");
        }
    }

    /** How long the lock lasts that follows {@code earlierLocks} locks since the last success. */
    public Duration lockAfter(long earlierLocks) {
        long doublings = Math.max(0, Math.min(earlierLocks, 30));
        Duration grown = lock.multipliedBy(1L << doublings);
        return grown.compareTo(maxLock) > 0 ? maxLock : grown;
    }
}

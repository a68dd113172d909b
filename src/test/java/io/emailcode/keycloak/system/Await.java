package io.emailcode.keycloak.system;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, with a bound, for something the server does off the request thread (mirroring, brute-force counts). */
public final class Await {

    static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** The first value {@code probe} yields within {@code timeout}; fails naming {@code what} otherwise. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return value(what, timeout, POLL, probe);
    }

    /** {@link #value(String, Duration, Supplier)}, looking every {@code poll}. */
    public static <T> T value(String what, Duration timeout, Duration poll, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            pause(poll);
        }
    }

    public static void condition(String what, Duration timeout, BooleanSupplier condition) {
        condition(what, timeout, POLL, condition);
    }

    public static void condition(String what, Duration timeout, Duration poll, BooleanSupplier condition) {
        value(what, timeout, poll, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** For checks that something does not happen: give the server time to do it if it would. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

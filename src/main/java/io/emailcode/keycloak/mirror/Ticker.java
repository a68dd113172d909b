package io.emailcode.keycloak.mirror;

import java.time.Duration;

/**
 * Elapsed time and waiting, for pacing calls and bounding work: monotonic, so moving the wall clock (or Keycloak's
 * clock in tests) never makes a wait last for hours.
 */
public interface Ticker {

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    long nanos();

    void sleep(Duration duration) throws InterruptedException;
}

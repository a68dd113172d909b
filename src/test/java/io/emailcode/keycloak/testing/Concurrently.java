package io.emailcode.keycloak.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls at the same moment, for tests of what concurrency must not break (one code accepted once, one email
 * for a burst of resends): each call on its own thread, all released together by one latch, every result awaited
 * (a bounded wait: a hanging call fails the test rather than the build).
 */
public final class Concurrently {

    private static final long WAIT_SECONDS = 60;

    private Concurrently() {
    }

    /** The same call {@code count} times at once; the results in no particular order. */
    public static <T> List<T> run(int count, Callable<T> call) throws Exception {
        return run(Collections.nCopies(count, call));
    }

    /** Each call at once; the results in the calls' order. */
    public static <T> List<T> run(List<? extends Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}

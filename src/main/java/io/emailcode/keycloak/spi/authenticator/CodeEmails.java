package io.emailcode.keycloak.spi.authenticator;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends code emails after the response, off the request thread, through a bounded queue: the request path does the
 * same work for every address (one hand-over, even when nothing is to be sent), so neither the email service's
 * latency nor its outages tell addresses apart, and a slow email service cannot hold Keycloak's worker threads.
 * A full queue refuses the hand-over, for every address alike.
 */
final class CodeEmails implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CodeEmails.class);
    static final int THREADS = 4;
    static final int QUEUE = 2_000;

    private final KeycloakSessionFactory factory;
    private final CodeMailer mailer;
    private final ThreadPoolExecutor executor;

    CodeEmails(KeycloakSessionFactory factory, CodeMailer mailer) {
        this.factory = factory;
        this.mailer = mailer;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "email-code-sender-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Hands an email over for sending, or nothing when nothing may be sent (an empty task takes the same path).
     *
     * @return false when the queue is full
     */
    boolean submit(Optional<CodeEmail> email) {
        try {
            executor.execute(() -> email.ifPresent(this::send));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void send(CodeEmail email) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> mailer.send(session, email));
        } catch (RuntimeException e) {
            LOG.warnf("Email code send to %s failed: %s", email.maskedAddress(), e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            // Emails already handed over are still sent; a stopping server waits a little for them.
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

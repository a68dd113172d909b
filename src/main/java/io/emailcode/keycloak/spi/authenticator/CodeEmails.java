package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.spi.AfterCommit;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Sends code emails after the response, off the request thread, through a bounded queue. The request path does the
 * same work for every address (one hand-over, also when nothing is to be sent), and so does the background: each
 * task opens a session of its own whether or not it then renders and sends an email. Tasks start after a random
 * delay ({@link SendDelaySettings}; 50 ms to 1 s by default), so the work of one request's email lands neither on
 * that request nor on a predictable later one: neither the email service's latency nor its outages, nor the work of
 * sending, tell addresses apart.
 * A slow email service cannot hold Keycloak's worker threads; a full queue refuses the hand-over, for every address.
 */
final class CodeEmails implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CodeEmails.class);
    static final int THREADS = 4;
    static final int QUEUE = 2_000;

    private final KeycloakSessionFactory factory;
    private final CodeMailer mailer;
    private final SendDelaySettings delay;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger waiting = new AtomicInteger();

    CodeEmails(KeycloakSessionFactory factory, CodeMailer mailer, SendDelaySettings delay) {
        this.factory = factory;
        this.mailer = mailer;
        this.delay = delay;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "email-code-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Hands an email over for sending, or nothing when nothing may be sent (an empty task takes the same path). The
     * queue's place is taken now; the delay runs from the request's commit, when its page is rendered and about to
     * leave, so no email's work lands on the request that asked for it. A request that rolls back sends nothing.
     *
     * @return false when the queue is full
     */
    boolean submit(KeycloakSession session, Optional<? extends QueuedEmail> email) {
        if (waiting.incrementAndGet() > QUEUE || executor.isShutdown()) {
            waiting.decrementAndGet();
            return false;
        }
        session.getTransactionManager().enlistAfterCompletion(new AfterCommit(() -> schedule(email), () -> drop(email)));
        return true;
    }

    private void schedule(Optional<? extends QueuedEmail> email) {
        long millis = ThreadLocalRandom.current().nextLong(delay.min().toMillis(), delay.max().toMillis());
        try {
            executor.schedule(() -> run(email), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The server stopped between the request and its commit.
            drop(email);
        }
    }

    /** Gives the queue's place back for an email that will not be sent. */
    private void drop(Optional<? extends QueuedEmail> email) {
        waiting.decrementAndGet();
        email.ifPresent(e -> e.dropped(mailer));
    }

    private void run(Optional<? extends QueuedEmail> email) {
        waiting.decrementAndGet();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> email.ifPresent(e -> e.send(mailer, session)));
        } catch (RuntimeException e) {
            // Where, not the message: a message may quote the address.
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.warnf("Email send to %s failed: %s at %s", email.map(QueuedEmail::maskedAddress).orElse("nobody"),
                    e.getClass().getSimpleName(), at);
        }
    }

    @Override
    public void close() {
        // Emails already handed over are still sent; a stopping server waits a little for them.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(true);
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

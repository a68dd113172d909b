package io.emailcode.keycloak.benchmark;

import io.emailcode.stack.ReceivedEmail;
import io.emailcode.stack.SesInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people's inboxes for a load test: one thread reads what the SES emulator received since its last look (the
 * emulator's {@code since} filter, so a poll costs what is new, not the whole store) and keeps the newest code per
 * address, so hundreds of simulated people waiting for their email cost the emulator one small poll at a time.
 */
public final class CodeInbox implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final SesInbox inbox;
    private final Consumer<String> seenCodes;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    /**
     * What was read, by the second the emulator received it: its message ids are 9 random digits, so over a run of
     * tens of thousands of emails two share one about every other run, and an id alone would drop the second email.
     */
    private final NavigableMap<Long, Set<String>> readBySecond = new TreeMap<>(); // the poller's thread only
    private final Thread poller;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private long newestSecond = Instant.now().getEpochSecond() - 1;

    /** @param seenCodes told of every code read, e.g. for the tests' check that no code reaches a log */
    public CodeInbox(SesInbox inbox, Consumer<String> seenCodes) {
        this.inbox = inbox;
        this.seenCodes = seenCodes;
        this.poller = new Thread(this::poll, "code-inbox");
        poller.setDaemon(true);
        poller.start();
    }

    /** Called before a person asks for a code: an older code for the address must not be taken for the new one. */
    public void forget(String address) {
        codes.remove(address.toLowerCase(java.util.Locale.ROOT));
    }

    /** The newest code that arrived for the address since it was last forgotten. */
    public Optional<String> code(String address) {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(codes.get(address.toLowerCase(java.util.Locale.ROOT)));
    }

    private void poll() {
        while (running) {
            try {
                long since = newestSecond - 1;
                readBySecond.headMap(since).clear();
                for (ReceivedEmail email : inbox.emailsSince(Instant.ofEpochSecond(since))) {
                    newestSecond = Math.max(newestSecond, email.sentAt().getEpochSecond());
                    if (firstRead(email) && email.text() != null) {
                        Matcher code = CODE.matcher(email.text());
                        if (code.find() && !email.to().isEmpty()) {
                            seenCodes.accept(code.group(1));
                            codes.put(email.to().get(0).toLowerCase(java.util.Locale.ROOT), code.group(1));
                        }
                    }
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    /** Whether this poll is the first to see the email (a poll rereads the second before the newest one seen). */
    private boolean firstRead(ReceivedEmail email) {
        String identity = email.messageId() + " " + email.to() + " " + email.text();
        return readBySecond.computeIfAbsent(email.sentAt().getEpochSecond(), second -> new HashSet<>()).add(identity);
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

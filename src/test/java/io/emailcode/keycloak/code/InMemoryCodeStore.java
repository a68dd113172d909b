package io.emailcode.keycloak.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link CodeStore} in memory, with the DynamoDB store's semantics (see DynamoDbCodeStore): a per-code attempt
 * limit, a failure count that survives resends, a cooldown and an hourly send budget that a successful
 * sign-in does not reset. For unit tests only; time comes from the injected clock.
 */
public final class InMemoryCodeStore implements CodeStore {

    private static final long WINDOW_SECONDS = Duration.ofHours(1).toSeconds();

    private final Clock clock;
    private final Map<String, Slot> slots = new HashMap<>();

    public InMemoryCodeStore(Clock clock) {
        this.clock = clock;
    }

    /** One slot's state; {@code codeHash == null} means no live code. Times are epoch seconds. */
    private record Slot(String codeHash, String binding, long codeExpiresAt, int attempts, int failures,
                        long lastSentAt, long windowStart, int windowSends) {

        Slot withoutCode(long lastSentAt, int failures) {
            return new Slot(null, null, 0, 0, failures, lastSentAt, windowStart, windowSends);
        }
    }

    @Override
    public synchronized IssueOutcome issue(CodeSlot slot, IssuedCode code, SendPolicy policy) {
        long now = now();
        Slot old = slots.get(slot.key());
        long cooledAt = old == null ? now : old.lastSentAt() + policy.cooldown().toSeconds();
        if (cooledAt > now) {
            return new IssueOutcome.CoolingDown(Duration.ofSeconds(cooledAt - now));
        }
        boolean windowOpen = old != null && old.windowStart() + WINDOW_SECONDS > now;
        if (windowOpen && old.windowSends() >= policy.sendsPerHour()) {
            return new IssueOutcome.BudgetSpent(Duration.ofSeconds(old.windowStart() + WINDOW_SECONDS - now));
        }
        slots.put(slot.key(), new Slot(code.codeHash(), code.binding(), now + code.validity().toSeconds(), 0,
                old == null ? 0 : old.failures(), now,
                windowOpen ? old.windowStart() : now, windowOpen ? old.windowSends() + 1 : 1));
        return new IssueOutcome.Issued();
    }

    @Override
    public synchronized void withdraw(CodeSlot slot, String codeHash) {
        Slot old = slots.get(slot.key());
        if (old != null && same(old.codeHash(), codeHash)) {
            slots.put(slot.key(), old.withoutCode(0, old.failures()));
        }
    }

    @Override
    public synchronized VerifyOutcome verify(CodeSlot slot, String submittedHash, String binding, int maxAttempts) {
        long now = now();
        Slot old = slots.get(slot.key());
        if (old == null || old.codeHash() == null || !same(old.binding(), binding)) {
            return VerifyOutcome.NO_CODE;
        }
        if (old.codeExpiresAt() <= now) {
            return VerifyOutcome.EXPIRED;
        }
        if (old.attempts() >= maxAttempts) {
            return VerifyOutcome.ATTEMPTS_EXHAUSTED;
        }
        if (same(old.codeHash(), submittedHash)) {
            slots.put(slot.key(), old.withoutCode(0, 0));
            return VerifyOutcome.ACCEPTED;
        }
        Slot counted = new Slot(old.codeHash(), old.binding(), old.codeExpiresAt(), old.attempts() + 1,
                old.failures() + 1, old.lastSentAt(), old.windowStart(), old.windowSends());
        slots.put(slot.key(), counted);
        return counted.attempts() >= maxAttempts ? VerifyOutcome.ATTEMPTS_EXHAUSTED : VerifyOutcome.WRONG_CODE;
    }

    /** Wrong guesses since the last success, across resends: what brute-force checks need. */
    public synchronized int failures(CodeSlot slot) {
        Slot state = slots.get(slot.key());
        return state == null ? 0 : state.failures();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static boolean same(String stored, String given) {
        return stored != null && given != null && MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}

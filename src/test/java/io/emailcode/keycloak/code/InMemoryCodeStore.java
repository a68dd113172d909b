package io.emailcode.keycloak.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CodeStore} in memory with the DynamoDB store's semantics, checked by the same contract test
 * ({@link CodeStoreContract}): per-code attempts reserved before comparing, a failure cap across codes with growing
 * locks, a cooldown, and exact per-hour budgets per slot, mailbox, network and realm. For unit tests; time comes from the clock.
 */
public final class InMemoryCodeStore implements CodeStore {

    private static final long HOUR = 3_600;

    private final Clock clock;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, Integer> sends = new HashMap<>();
    /** Per known-browser slot: cookies issued at or before this second have no lane. */
    private final Map<String, Long> revokedAt = new HashMap<>();

    public InMemoryCodeStore(Clock clock) {
        this.clock = clock;
    }

    /** One slot's state; times are epoch seconds, {@code codeExpiresAt == -1} marks a consumed code. */
    private record Slot(String codeHash, String binding, long codeExpiresAt, int attempts, long lastSentAt,
                        int failures, long locks, long lockUntil) {

        boolean locked(long now, int cap) {
            return lockUntil > now || failures >= cap;
        }
    }

    @Override
    public synchronized IssueOutcome issue(IssueRequest request) {
        long now = now();
        long hour = Math.floorDiv(now, HOUR);
        if (request.browser().filter(browser -> revokedSince(request.slot().key(), browser)
                || revokedSince(request.slot().realmId() + "#account#" + browser.accountKey(), browser)).isPresent()) {
            return new IssueOutcome.Refused(IssueOutcome.Refusal.BROWSER_REVOKED, Duration.ZERO);
        }
        Slot old = slots.get(request.slot().key());
        if (old != null && old.locked(now, request.failures().cap())) {
            if (old.lockUntil() > now) {
                return new IssueOutcome.Refused(IssueOutcome.Refusal.LOCKED, Duration.ofSeconds(old.lockUntil() - now));
            }
            return new IssueOutcome.Refused(IssueOutcome.Refusal.LOCKED, lock(request.slot().key(), old, request.failures(), now));
        }
        long cooledAt = old == null ? now : old.lastSentAt() + request.sending().cooldown().toSeconds();
        if (cooledAt > now) {
            return new IssueOutcome.CoolingDown(Duration.ofSeconds(Math.max(1, cooledAt - now)));
        }
        Duration untilNextHour = Duration.ofSeconds((hour + 1) * HOUR - now);
        List<Budget> budgets = budgets(request, hour);
        for (Budget budget : budgets) {
            if (count(budget.key()) >= budget.limit()) {
                return new IssueOutcome.Refused(budget.refusal(), untilNextHour);
            }
        }
        budgets.forEach(budget -> sends.merge(budget.key(), 1, Integer::sum));
        slots.put(request.slot().key(), new Slot(request.code().codeHash(), request.code().binding(),
                now + request.code().validity().toSeconds(), 0, now, old == null ? 0 : old.failures(),
                old == null ? 0 : old.locks(), old == null ? 0 : old.lockUntil()));
        return new IssueOutcome.Issued();
    }

    private record Budget(String key, int limit, IssueOutcome.Refusal refusal) {
    }

    /** In the order the DynamoDB store checks them: the address, the mailbox, the networks narrowest first, the realm. */
    private static List<Budget> budgets(IssueRequest request, long hour) {
        List<Budget> budgets = new ArrayList<>();
        budgets.add(new Budget(request.slot().key() + "#h" + hour, request.sending().sendsPerHour(),
                IssueOutcome.Refusal.ADDRESS_BUDGET));
        request.abuse().ifPresent(abuse -> {
            String realm = request.slot().realmId();
            budgets.add(new Budget(realm + "#mailbox#" + abuse.mailboxKey() + "#h" + hour,
                    abuse.limits().sendsPerMailboxPerHour(), IssueOutcome.Refusal.MAILBOX_BUDGET));
            abuse.networkKeys().forEach(network -> budgets.add(new Budget(realm + "#network#" + network.value() + "#h" + hour,
                    abuse.limits().sendsPerHour(network.width()), IssueOutcome.Refusal.NETWORK_BUDGET)));
            budgets.add(new Budget(realm + "#realm#h" + hour, abuse.limits().sendsPerRealmPerHour(),
                    IssueOutcome.Refusal.REALM_CEILING));
        });
        return budgets;
    }

    @Override
    public synchronized void forget(String realmId, String addressKey, Optional<String> mailboxKey) {
        long hour = Math.floorDiv(now(), HOUR);
        mailboxKey.ifPresent(mailbox -> sends.remove(realmId + "#mailbox#" + mailbox + "#h" + hour));
        for (Lane lane : Lane.values()) {
            String slot = new CodeSlot(realmId, addressKey, lane).key();
            slots.remove(slot);
            sends.remove(slot + "#h" + hour);
        }
        revokeBrowsers(realmId, addressKey);
    }

    @Override
    public synchronized void revokeBrowsers(String realmId, String addressKey) {
        revokedAt.put(new CodeSlot(realmId, addressKey, Lane.KNOWN_BROWSER).key(), clock.millis());
    }

    @Override
    public synchronized void revokeAccountBrowsers(String realmId, String accountKey) {
        revokedAt.put(realmId + "#account#" + accountKey, clock.millis());
    }

    @Override
    public synchronized AddressStanding standing(String realmId, String addressKey, String mailboxKey,
                                                 Optional<String> accountKey) {
        long now = now();
        long hour = Math.floorDiv(now, HOUR);
        CodeSlot known = new CodeSlot(realmId, addressKey, Lane.KNOWN_BROWSER);
        return new AddressStanding(standing(new CodeSlot(realmId, addressKey, Lane.OPEN), now, hour),
                standing(known, now, hour), count(realmId + "#mailbox#" + mailboxKey + "#h" + hour),
                Optional.ofNullable(revokedAt.get(known.key())).map(Instant::ofEpochMilli),
                accountKey.map(key -> revokedAt.get(realmId + "#account#" + key)).map(Instant::ofEpochMilli));
    }

    private AddressStanding.Slot standing(CodeSlot slot, long now, long hour) {
        Slot held = slots.get(slot.key());
        int sent = count(slot.key() + "#h" + hour);
        if (held == null) {
            return new AddressStanding.Slot(0, 0, Optional.empty(), sent);
        }
        return new AddressStanding.Slot(held.failures(), (int) Math.max(0, held.locks()), held.lockUntil() > now
                ? Optional.of(Instant.ofEpochSecond(held.lockUntil())) : Optional.empty(), sent);
    }

    private boolean revokedSince(String revocation, KnownBrowser browser) {
        return revokedAt.getOrDefault(revocation, Long.MIN_VALUE) >= browser.issuedAt();
    }

    @Override
    public synchronized VerifyOutcome verify(VerifyRequest request) {
        long now = now();
        String key = request.slot().key();
        Slot old = slots.get(key);
        int cap = request.failures().cap();
        if (old == null || old.codeHash() == null || !same(old.binding(), request.binding()) || old.codeExpiresAt() == -1) {
            return VerifyOutcome.NO_CODE;
        }
        if (old.locked(now, cap)) {
            return VerifyOutcome.LOCKED;
        }
        if (old.codeExpiresAt() <= now) {
            return VerifyOutcome.EXPIRED;
        }
        if (old.attempts() >= request.maxAttempts()) {
            return VerifyOutcome.DEAD;
        }
        if (same(old.codeHash(), request.submittedHash())) {
            slots.put(key, new Slot(old.codeHash(), old.binding(), -1, old.attempts() + 1, -1, 0, -1, old.lockUntil()));
            return VerifyOutcome.ACCEPTED;
        }
        Slot counted = new Slot(old.codeHash(), old.binding(), old.codeExpiresAt(), old.attempts() + 1, old.lastSentAt(),
                old.failures() + 1, old.locks(), old.lockUntil());
        slots.put(key, counted);
        if (counted.failures() >= cap) {
            lock(key, counted, request.failures(), now);
            return VerifyOutcome.CAP_REACHED;
        }
        return counted.attempts() >= request.maxAttempts() ? VerifyOutcome.ATTEMPTS_EXHAUSTED : VerifyOutcome.WRONG_CODE;
    }

    private Duration lock(String key, Slot slot, FailurePolicy failures, long now) {
        Duration length = failures.lockAfter(slot.locks());
        slots.put(key, new Slot(slot.codeHash(), slot.binding(), 0, slot.attempts(), slot.lastSentAt(), 0,
                Math.max(0, slot.locks()) + 1, now + length.toSeconds()));
        return length;
    }

    private int count(String key) {
        return sends.getOrDefault(key, 0);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static boolean same(String stored, String given) {
        return stored != null && given != null && MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}

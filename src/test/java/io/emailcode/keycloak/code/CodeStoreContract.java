package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CodeStore} must do, run against the in-memory store and against DynamoDB Local: the same
 * tests, so the fake used by the flow's unit tests cannot drift from the real store.
 */
public abstract class CodeStoreContract {

    protected static final int MAX_ATTEMPTS = 5;
    protected static final SendPolicy SENDING = new SendPolicy(Duration.ofSeconds(30), 5);
    protected static final FailurePolicy FAILURES = new FailurePolicy(20, Duration.ofMinutes(15), Duration.ofHours(24));
    private static final AbuseLimits ABUSE = limits(50, 10_000);
    private static final Duration VALIDITY = Duration.ofMinutes(5);

    // Starts at real time, at the start of a second: should an emulator apply TTL, nothing written is already past.
    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    protected final String realm = "realm-" + UUID.randomUUID();
    protected final CodeSlot slot = new CodeSlot(realm, UUID.randomUUID().toString(), Lane.OPEN);
    protected final String network = "net-" + UUID.randomUUID();
    protected final String mailbox = "mailbox-" + UUID.randomUUID();

    /** The store under test, reading time from {@code clock}. */
    protected abstract CodeStore store();

    private CodeStore store;

    /** Synchronized: the concurrent tests' threads make their first call at the same moment. */
    protected synchronized CodeStore subject() {
        if (store == null) {
            store = store();
        }
        return store;
    }

    protected IssueOutcome issue(CodeSlot slot, String hash, String binding, SendPolicy sending, FailurePolicy failures,
                                 Optional<AbuseLimits> abuse) {
        return subject().issue(new IssueRequest(slot, new IssuedCode(hash, binding, VALIDITY), sending, failures,
                abuse.map(limits -> new IssueRequest.AbuseBudget(List.of(new ClientNetwork.Prefix(ClientNetwork.Width.NETWORK,
                        network)), mailbox + "-" + slot.addressKey(), limits))));
    }

    /** A request for another address, from the given networks and mailbox. */
    protected IssueOutcome issueFrom(List<ClientNetwork.Prefix> networks, String mailbox, AbuseLimits limits) {
        return subject().issue(new IssueRequest(otherAddress(), new IssuedCode("h", "l", VALIDITY), SENDING, FAILURES,
                Optional.of(new IssueRequest.AbuseBudget(networks, mailbox, limits))));
    }

    /** Budgets per network and realm; the wider networks' and the mailbox's out of the way. */
    protected static AbuseLimits limits(int perNetwork, int perRealm) {
        return new AbuseLimits(perNetwork, 1_000_000, 1_000_000, 1_000_000, perRealm);
    }

    protected IssueOutcome issue(String hash) {
        return issue(slot, hash, "login-1", SENDING, FAILURES, Optional.of(ABUSE));
    }

    protected VerifyOutcome verify(CodeSlot slot, String hash, String binding, FailurePolicy failures) {
        return subject().verify(new VerifyRequest(slot, hash, binding, MAX_ATTEMPTS, failures));
    }

    protected VerifyOutcome verify(String hash) {
        return verify(slot, hash, "login-1", FAILURES);
    }

    @Test
    void rightCodeIsAcceptedOnceAndOnlyOnce() {
        assertInstanceOf(IssueOutcome.Issued.class, issue("h1"));
        assertEquals(VerifyOutcome.ACCEPTED, verify("h1"));
        assertEquals(VerifyOutcome.NO_CODE, verify("h1"));
    }

    @Test
    void wrongCodesUseUpTheCodeAndLaterGuessesAreNotCompared() {
        issue("h1");
        for (int i = 1; i < MAX_ATTEMPTS; i++) {
            assertEquals(VerifyOutcome.WRONG_CODE, verify("bad-" + i));
        }
        assertEquals(VerifyOutcome.ATTEMPTS_EXHAUSTED, verify("bad-last"));
        assertEquals(VerifyOutcome.DEAD, verify("h1"), "the right code no longer works, and is not compared");
    }

    @Test
    void expiredCodeIsRefusedWithoutCountingAFailure() {
        issue("h1");
        clock.advance(VALIDITY);
        assertEquals(VerifyOutcome.EXPIRED, verify("h1"));
        assertEquals(VerifyOutcome.EXPIRED, verify("bad"));
    }

    @Test
    void anotherLoginCannotUseTheCodeNorBurnItsAttempts() {
        issue("h1");
        for (int i = 0; i < MAX_ATTEMPTS + 2; i++) {
            assertEquals(VerifyOutcome.NO_CODE, verify(slot, "h1", "login-2", FAILURES));
        }
        assertEquals(VerifyOutcome.ACCEPTED, verify("h1"));
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        issue("h1");
        clock.advance(SENDING.cooldown());
        assertInstanceOf(IssueOutcome.Issued.class, issue("h2"));
        assertEquals(VerifyOutcome.WRONG_CODE, verify("h1"));
        assertEquals(VerifyOutcome.ACCEPTED, verify("h2"));
    }

    @Test
    void cooldownRefusesAnotherCodeAndSaysForHowLong() {
        issue("h1");
        clock.advance(Duration.ofSeconds(10));
        IssueOutcome.CoolingDown cooling = assertInstanceOf(IssueOutcome.CoolingDown.class, issue("h2"));
        assertEquals(Duration.ofSeconds(20), cooling.remaining());
        assertEquals(VerifyOutcome.ACCEPTED, verify("h1"), "a refused request leaves the live code alone");
    }

    @Test
    void hourlyBudgetRefusesUntilTheNextHourAndASignInDoesNotRefillIt() {
        clock.set(Instant.ofEpochSecond((clock.instant().getEpochSecond() / 3600 + 1) * 3600 + 60));
        for (int i = 0; i < SENDING.sendsPerHour(); i++) {
            assertInstanceOf(IssueOutcome.Issued.class, issue("h" + i));
            clock.advance(SENDING.cooldown());
        }
        assertEquals(VerifyOutcome.ACCEPTED, verify("h" + (SENDING.sendsPerHour() - 1)));
        IssueOutcome.Refused spent = assertInstanceOf(IssueOutcome.Refused.class, issue("more"));
        assertEquals(IssueOutcome.Refusal.ADDRESS_BUDGET, spent.refusal());
        assertEquals(Duration.ofSeconds(3600 - 60 - SENDING.sendsPerHour() * 30L), spent.retryAfter());
        clock.advance(spent.retryAfter());
        assertInstanceOf(IssueOutcome.Issued.class, issue("next-hour"));
    }

    @Test
    void failuresCountAcrossCodesAndPastExpiryAndLockTheSlotAtTheCap() {
        FailurePolicy cap3 = new FailurePolicy(3, Duration.ofMinutes(15), Duration.ofHours(24));
        issue(slot, "h1", "login-1", SENDING, cap3, Optional.empty());
        assertEquals(VerifyOutcome.WRONG_CODE, verify(slot, "bad", "login-1", cap3));
        assertEquals(VerifyOutcome.WRONG_CODE, verify(slot, "bad", "login-1", cap3));
        clock.advance(VALIDITY);
        issue(slot, "h2", "login-1", SENDING, cap3, Optional.empty());
        assertEquals(VerifyOutcome.CAP_REACHED, verify(slot, "bad", "login-1", cap3), "a new code does not reset failures");
        assertEquals(VerifyOutcome.LOCKED, verify(slot, "h2", "login-1", cap3), "the right code is refused while locked");
        IssueOutcome.Refused locked = assertInstanceOf(IssueOutcome.Refused.class,
                issue(slot, "h3", "login-1", SENDING, cap3, Optional.empty()));
        assertEquals(IssueOutcome.Refusal.LOCKED, locked.refusal());
        assertEquals(Duration.ofMinutes(15), locked.retryAfter());
    }

    @Test
    void eachFurtherLockLastsTwiceAsLongUntilASuccess() {
        FailurePolicy cap1 = new FailurePolicy(1, Duration.ofMinutes(15), Duration.ofMinutes(45));
        for (Duration expected : List.of(Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(45))) {
            issue(slot, "h", "login-1", SENDING, cap1, Optional.empty());
            assertEquals(VerifyOutcome.CAP_REACHED, verify(slot, "bad", "login-1", cap1));
            IssueOutcome.Refused locked = assertInstanceOf(IssueOutcome.Refused.class,
                    issue(slot, "h", "login-1", SENDING, cap1, Optional.empty()));
            assertEquals(expected, locked.retryAfter());
            clock.advance(expected);
        }
        issue(slot, "h-right", "login-1", SENDING, cap1, Optional.empty());
        assertEquals(VerifyOutcome.ACCEPTED, verify(slot, "h-right", "login-1", cap1));
        clock.advance(SENDING.cooldown());
        issue(slot, "h", "login-1", SENDING, cap1, Optional.empty());
        assertEquals(VerifyOutcome.CAP_REACHED, verify(slot, "bad", "login-1", cap1));
        IssueOutcome.Refused afterSuccess = assertInstanceOf(IssueOutcome.Refused.class,
                issue(slot, "h", "login-1", SENDING, cap1, Optional.empty()));
        assertEquals(Duration.ofMinutes(15), afterSuccess.retryAfter(), "a success starts the locks over");
    }

    @Test
    void aForgottenAddressHasNoCapLockCooldownOrSpentBudgetInAnyLaneAndNoLiveCode() {
        FailurePolicy cap1 = new FailurePolicy(1, Duration.ofMinutes(15), Duration.ofHours(24));
        SendPolicy onePerHour = new SendPolicy(Duration.ofSeconds(30), 1);
        CodeSlot known = new CodeSlot(realm, slot.addressKey(), Lane.KNOWN_BROWSER);
        issue(slot, "h1", "login-1", onePerHour, cap1, Optional.empty());
        assertEquals(VerifyOutcome.CAP_REACHED, verify(slot, "bad", "login-1", cap1));
        issue(known, "k1", "login-2", onePerHour, cap1, Optional.empty());
        assertInstanceOf(IssueOutcome.CoolingDown.class, issue(known, "k2", "login-2", onePerHour, cap1, Optional.empty()));

        subject().forget(realm, slot.addressKey(), Optional.empty());

        assertEquals(VerifyOutcome.NO_CODE, verify(known, "k1", "login-2", cap1), "the live code is gone too");
        assertInstanceOf(IssueOutcome.Issued.class, issue(slot, "h2", "login-1", onePerHour, cap1, Optional.empty()),
                "no lock, and this hour's budget is back");
        assertInstanceOf(IssueOutcome.Issued.class, issue(known, "k3", "login-2", onePerHour, cap1, Optional.empty()),
                "no cooldown and this hour's budget in the other lane either");
        assertEquals(VerifyOutcome.ACCEPTED, verify(slot, "h2", "login-1", cap1));
    }

    @Test
    void anAddresssStandingShowsPerLaneItsFailuresLockAndThisHoursSendsAndAfterForgettingOnlyTheRevocation() {
        clock.set(Instant.ofEpochSecond((clock.instant().getEpochSecond() / 3600 + 1) * 3600 + 60));
        FailurePolicy cap3 = new FailurePolicy(3, Duration.ofMinutes(15), Duration.ofHours(24));
        CodeSlot known = new CodeSlot(realm, slot.addressKey(), Lane.KNOWN_BROWSER);
        String mailboxKey = mailbox + "-" + slot.addressKey();
        assertEquals(AddressStanding.NONE, subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty()), "nothing held yet");

        issue(slot, "h1", "login-1", SENDING, cap3, Optional.of(ABUSE));
        verify(slot, "bad", "login-1", cap3);
        verify(slot, "bad", "login-1", cap3);
        issue(known, "k1", "login-2", SENDING, cap3, Optional.empty());
        assertEquals(new AddressStanding(new AddressStanding.Slot(2, 0, Optional.empty(), 1),
                new AddressStanding.Slot(0, 0, Optional.empty(), 1), 1, Optional.empty(), Optional.empty()),
                subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty()));

        assertEquals(VerifyOutcome.CAP_REACHED, verify(slot, "bad", "login-1", cap3));
        AddressStanding locked = subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty());
        assertEquals(new AddressStanding.Slot(0, 1, Optional.of(clock.instant().plus(Duration.ofMinutes(15))), 1),
                locked.open(), "the lock replaces the failures");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty()).open().lockedUntil(),
                "a lock that ended is no lock");

        subject().forget(realm, slot.addressKey(), Optional.empty());
        assertEquals(new AddressStanding(AddressStanding.Slot.NONE, AddressStanding.Slot.NONE, 1,
                        Optional.of(Instant.ofEpochMilli(clock.millis())), Optional.empty()),
                subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty()),
                "both lanes start over; the mailbox's budget is the mailbox's; the revocation is remembered");
    }

    @Test
    void anAddresssStandingShowsTheRevocationOfTheAccountItIsReadFor() {
        String mailboxKey = mailbox + "-" + slot.addressKey();
        subject().revokeAccountBrowsers(realm, "account-1");
        Instant revoked = Instant.ofEpochMilli(clock.millis());
        clock.advance(Duration.ofMinutes(1));

        assertEquals(Optional.of(revoked), subject().standing(realm, slot.addressKey(), mailboxKey,
                Optional.of("account-1")).accountBrowsersRevokedAt());
        assertEquals(Optional.empty(), subject().standing(realm, slot.addressKey(), mailboxKey,
                Optional.of("account-2")).accountBrowsersRevokedAt(), "another account's revocation is not this one's");
        assertEquals(Optional.empty(), subject().standing(realm, slot.addressKey(), mailboxKey,
                Optional.empty()).accountBrowsersRevokedAt(), "no account holds the address");
        assertEquals(Optional.empty(), subject().standing(realm, slot.addressKey(), mailboxKey,
                Optional.of("account-1")).browsersRevokedAt(), "the account's revocation is not the address's");
    }

    @Test
    void forgettingWithTheMailboxAlsoForgetsTheMailboxsBudgetOfThisHour() {
        String mailboxKey = mailbox + "-" + slot.addressKey();
        issue(slot, "h1", "login-1", SENDING, FAILURES, Optional.of(ABUSE));
        assertEquals(1, subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty()).mailboxSendsThisHour());
        subject().forget(realm, slot.addressKey(), Optional.of(mailboxKey));
        assertEquals(0, subject().standing(realm, slot.addressKey(), mailboxKey, Optional.empty()).mailboxSendsThisHour(),
                "an administrator's reset lifts the budget strangers may have spent with +tag addresses");
    }

    @Test
    void forgettingAnAddressLeavesOtherAddressesAlone() {
        issue("h1");
        CodeSlot other = otherAddress();
        issue(other, "o1", "login-1", SENDING, FAILURES, Optional.empty());
        subject().forget(realm, other.addressKey(), Optional.empty());
        assertEquals(VerifyOutcome.ACCEPTED, verify("h1"));
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        FailurePolicy cap3 = new FailurePolicy(3, Duration.ofMinutes(15), Duration.ofHours(24));
        issue(slot, "h1", "login-1", SENDING, cap3, Optional.empty());
        verify(slot, "bad", "login-1", cap3);
        verify(slot, "bad", "login-1", cap3);
        assertEquals(VerifyOutcome.ACCEPTED, verify(slot, "h1", "login-1", cap3));
        clock.advance(SENDING.cooldown());
        issue(slot, "h2", "login-1", SENDING, cap3, Optional.empty());
        assertEquals(VerifyOutcome.WRONG_CODE, verify(slot, "bad", "login-1", cap3));
        assertEquals(VerifyOutcome.WRONG_CODE, verify(slot, "bad", "login-1", cap3));
    }

    @Test
    void aSuccessLiftsTheCooldown() {
        issue("h1");
        verify("h1");
        assertInstanceOf(IssueOutcome.Issued.class, issue("h2"), "the next sign-in need not wait");
    }

    @Test
    void networkBudgetCountsEveryAddressOfTheNetworkAndARefusalCountsNothing() {
        AbuseLimits two = limits(2, 10_000);
        CodeSlot third = otherAddress();
        assertInstanceOf(IssueOutcome.Issued.class, issue(otherAddress(), "a", "l", SENDING, FAILURES, Optional.of(two)));
        assertInstanceOf(IssueOutcome.Issued.class, issue(otherAddress(), "b", "l", SENDING, FAILURES, Optional.of(two)));
        IssueOutcome.Refused refused = assertInstanceOf(IssueOutcome.Refused.class,
                issue(third, "c", "l", SENDING, FAILURES, Optional.of(two)));
        assertEquals(IssueOutcome.Refusal.NETWORK_BUDGET, refused.refusal());
        assertEquals(VerifyOutcome.NO_CODE, verify(third, "c", "l", FAILURES), "nothing was stored");
        assertInstanceOf(IssueOutcome.Issued.class, issue(third, "c", "l", SENDING, FAILURES, Optional.empty()),
                "a known browser's lane is outside the network budget, and the refusal used none of the address's");
    }

    @Test
    void theWiderNetworksCountEveryNarrowerOneAndAnswerOnlyWhenTheNarrowerStillHaveBudget() {
        AbuseLimits limits = new AbuseLimits(2, 3, 5, 1_000, 10_000);
        String slash48 = "48-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(IssueOutcome.Issued.class, issueFrom(networks("64-a" + i, "56-a", slash48), "m" + i, limits));
        }
        IssueOutcome.Refused slash56 = assertInstanceOf(IssueOutcome.Refused.class,
                issueFrom(networks("64-a3", "56-a", slash48), "m3", limits), "a fourth /64 of one /56");
        assertEquals(IssueOutcome.Refusal.NETWORK_BUDGET, slash56.refusal());
        issueFrom(networks("64-b0", "56-b", slash48), "m4", limits);
        issueFrom(networks("64-b0", "56-b", slash48), "m5", limits);
        IssueOutcome.Refused slash64 = assertInstanceOf(IssueOutcome.Refused.class,
                issueFrom(networks("64-b0", "56-b", slash48), "m6", limits), "a third request from one /64");
        assertEquals(IssueOutcome.Refusal.NETWORK_BUDGET, slash64.refusal());
        IssueOutcome.Refused slash48Spent = assertInstanceOf(IssueOutcome.Refused.class,
                issueFrom(networks("64-c0", "56-c", slash48), "m7", limits), "the sixth request of one /48");
        assertEquals(IssueOutcome.Refusal.NETWORK_BUDGET, slash48Spent.refusal());
        assertInstanceOf(IssueOutcome.Issued.class, issueFrom(networks("64-d0", "56-d", "48-other"), "m8", limits),
                "another /48 has its own budgets");
    }

    @Test
    void theMailboxBudgetCountsEveryAddressOfTheMailbox() {
        AbuseLimits limits = new AbuseLimits(1_000, 1_000, 1_000, 2, 10_000);
        List<ClientNetwork.Prefix> client = networks("64", "56", "48");
        assertInstanceOf(IssueOutcome.Issued.class, issueFrom(client, mailbox, limits));
        assertInstanceOf(IssueOutcome.Issued.class, issueFrom(client, mailbox, limits));
        IssueOutcome.Refused refused = assertInstanceOf(IssueOutcome.Refused.class, issueFrom(client, mailbox, limits));
        assertEquals(IssueOutcome.Refusal.MAILBOX_BUDGET, refused.refusal());
        assertInstanceOf(IssueOutcome.Issued.class, issueFrom(client, "another-" + mailbox, limits));
    }

    private List<ClientNetwork.Prefix> networks(String slash64, String slash56, String slash48) {
        return List.of(new ClientNetwork.Prefix(ClientNetwork.Width.NETWORK, network + slash64),
                new ClientNetwork.Prefix(ClientNetwork.Width.IPV6_56, network + slash56),
                new ClientNetwork.Prefix(ClientNetwork.Width.IPV6_48, network + slash48));
    }

    @Test
    void realmCeilingCountsEveryAddressOfTheRealm() {
        AbuseLimits ceiling = limits(1_000, 2);
        issue(otherAddress(), "a", "l", SENDING, FAILURES, Optional.of(ceiling));
        issue(otherAddress(), "b", "l", SENDING, FAILURES, Optional.of(ceiling));
        IssueOutcome.Refused refused = assertInstanceOf(IssueOutcome.Refused.class,
                issue(otherAddress(), "c", "l", SENDING, FAILURES, Optional.of(ceiling)));
        assertEquals(IssueOutcome.Refusal.REALM_CEILING, refused.refusal());
    }

    @Test
    void forgettingAnAddressRevokesEveryKnownBrowserCookieIssuedUntilThenAndNoLaterOne() {
        CodeSlot known = new CodeSlot(slot.realmId(), slot.addressKey(), Lane.KNOWN_BROWSER);
        long signedInAt = clock.millis() - 60_000;
        assertInstanceOf(IssueOutcome.Issued.class, issueInKnownLane(known, "k1", signedInAt));
        subject().forget(realm, slot.addressKey(), Optional.empty());
        IssueOutcome revoked = issueInKnownLane(known, "k2", signedInAt);
        assertEquals(IssueOutcome.Refusal.BROWSER_REVOKED, assertInstanceOf(IssueOutcome.Refused.class, revoked).refusal());
        assertEquals(VerifyOutcome.NO_CODE, verify(known, "k1", "login-1", FAILURES), "the lane's live code is gone too");
        clock.advance(Duration.ofMillis(1));
        long signedInAgain = clock.millis();
        assertInstanceOf(IssueOutcome.Issued.class, issueInKnownLane(known, "k3", signedInAgain),
                "a cookie issued after the revocation holds");
        assertInstanceOf(IssueOutcome.Issued.class, issue("h1"), "the open lane is not affected");
    }

    @Test
    void revokingKnownBrowsersKeepsTheAddresssFailuresAndOpenLane() {
        CodeSlot known = new CodeSlot(slot.realmId(), slot.addressKey(), Lane.KNOWN_BROWSER);
        long signedInAt = clock.millis() - 60_000;
        issue("h1");
        assertEquals(VerifyOutcome.WRONG_CODE, verify("bad"));
        subject().revokeBrowsers(realm, slot.addressKey());
        IssueOutcome revoked = issueInKnownLane(known, "k1", signedInAt);
        assertEquals(IssueOutcome.Refusal.BROWSER_REVOKED, assertInstanceOf(IssueOutcome.Refused.class, revoked).refusal());
        assertEquals(VerifyOutcome.ACCEPTED, verify("h1"), "the open lane's live code is untouched");
    }

    @Test
    void revokingAnAccountsKnownBrowsersRevokesItsCookiesForEveryAddressAndNoOtherAccounts() {
        CodeSlot known = new CodeSlot(slot.realmId(), slot.addressKey(), Lane.KNOWN_BROWSER);
        CodeSlot otherAddress = new CodeSlot(slot.realmId(), "other-address", Lane.KNOWN_BROWSER);
        long signedInAt = clock.millis() - 60_000;
        subject().revokeAccountBrowsers(realm, "account-1");
        assertEquals(IssueOutcome.Refusal.BROWSER_REVOKED, assertInstanceOf(IssueOutcome.Refused.class,
                issueInKnownLane(known, "k1", signedInAt)).refusal());
        assertEquals(IssueOutcome.Refusal.BROWSER_REVOKED, assertInstanceOf(IssueOutcome.Refused.class,
                subject().issue(knownLaneRequest(otherAddress, "k2", signedInAt, "account-1"))).refusal());
        assertInstanceOf(IssueOutcome.Issued.class, subject().issue(knownLaneRequest(known, "k3", signedInAt, "account-2")),
                "another account's cookie for the address holds");
        clock.advance(Duration.ofMillis(1));
        assertInstanceOf(IssueOutcome.Issued.class, subject().issue(knownLaneRequest(otherAddress, "k4", clock.millis(),
                "account-1")), "a cookie issued to the account after the revocation holds");
    }

    private IssueOutcome issueInKnownLane(CodeSlot known, String hash, long browserSince) {
        return subject().issue(knownLaneRequest(known, hash, browserSince, "account-1"));
    }

    private static IssueRequest knownLaneRequest(CodeSlot known, String hash, long issuedAt, String accountKey) {
        return new IssueRequest(known, new IssuedCode(hash, "login-1", VALIDITY), SENDING, FAILURES, Optional.empty(),
                Optional.of(new KnownBrowser(issuedAt, accountKey)));
    }

    @Test
    void aKnownBrowsersLaneHasItsOwnCooldownBudgetAndFailures() {
        FailurePolicy cap1 = new FailurePolicy(1, Duration.ofMinutes(15), Duration.ofHours(24));
        issue(slot, "h1", "login-1", SENDING, cap1, Optional.of(ABUSE));
        assertEquals(VerifyOutcome.CAP_REACHED, verify(slot, "bad", "login-1", cap1));
        CodeSlot known = new CodeSlot(slot.realmId(), slot.addressKey(), Lane.KNOWN_BROWSER);
        assertInstanceOf(IssueOutcome.Issued.class, issue(known, "k1", "login-2", SENDING, cap1, Optional.empty()));
        assertEquals(VerifyOutcome.ACCEPTED, verify(known, "k1", "login-2", cap1));
    }

    @Test
    void fiftyConcurrentWrongGuessesGetFiveComparedAndTheRightCodeAfterwardsIsRefused() throws Exception {
        issue("right");
        List<Callable<VerifyOutcome>> guesses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String guess = "wrong-" + i;
            guesses.add(() -> verify(guess));
        }
        List<VerifyOutcome> outcomes = Concurrently.run(guesses);
        long compared = outcomes.stream().filter(VerifyOutcome::evaluated).count();
        assertEquals(MAX_ATTEMPTS, compared, outcomes.toString());
        assertEquals(VerifyOutcome.DEAD, verify("right"), "the right code after the burst is refused, not compared");
        printFigure("wrong guesses compared of 50 concurrent against a limit of " + MAX_ATTEMPTS + ": " + compared);
    }

    @Test
    void aBurstWithTheRightCodeAmongItNeverGetsMoreComparedThanTheCodeAllows() throws Exception {
        issue("right");
        List<Callable<VerifyOutcome>> guesses = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            String guess = "wrong-" + i;
            guesses.add(() -> verify(guess));
        }
        guesses.add(25, () -> verify("right"));
        List<VerifyOutcome> outcomes = Concurrently.run(guesses);
        long compared = outcomes.stream().filter(VerifyOutcome::evaluated).count();
        assertTrue(compared <= MAX_ATTEMPTS, "compared " + compared + " of 50: " + outcomes);
        long accepted = outcomes.stream().filter(VerifyOutcome.ACCEPTED::equals).count();
        assertTrue(accepted == 0 || compared <= MAX_ATTEMPTS, outcomes.toString());

    }

    @Test
    void twentyConcurrentRightCodesSignInExactlyOnce() throws Exception {
        issue("right");
        List<Callable<VerifyOutcome>> submissions = Collections.nCopies(20, () -> verify("right"));
        List<VerifyOutcome> outcomes = Concurrently.run(submissions);
        assertEquals(1, outcomes.stream().filter(VerifyOutcome.ACCEPTED::equals).count(), outcomes.toString());
    }

    @Test
    void twentyConcurrentRequestsIssueOneCode() throws Exception {
        List<Callable<IssueOutcome>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String hash = "h" + i;
            requests.add(() -> issue(hash));
        }
        List<IssueOutcome> outcomes = Concurrently.run(requests);
        assertEquals(1, outcomes.stream().filter(IssueOutcome.Issued.class::isInstance).count(), outcomes.toString());
    }

    private CodeSlot otherAddress() {
        return new CodeSlot(realm, UUID.randomUUID().toString(), Lane.OPEN);
    }

    protected void printFigure(String figure) {
        System.out.println(getClass().getSimpleName() + ": " + figure);
    }

}

package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.emailcode.keycloak.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryCodeStoreTest {

    private static final CodeSlot SLOT = new CodeSlot("realm", "address-key");
    private static final SendPolicy POLICY = new SendPolicy(Duration.ofSeconds(30), 5);
    private static final int MAX_ATTEMPTS = 5;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryCodeStore store = new InMemoryCodeStore(clock);

    private IssueOutcome issue(String hash, String binding) {
        return store.issue(SLOT, new IssuedCode(hash, binding, Duration.ofMinutes(5)), POLICY);
    }

    @Test
    void rightCodeIsAcceptedOnlyOnce() {
        issue("h1", "login");
        assertEquals(VerifyOutcome.ACCEPTED, store.verify(SLOT, "h1", "login", MAX_ATTEMPTS));
        assertEquals(VerifyOutcome.NO_CODE, store.verify(SLOT, "h1", "login", MAX_ATTEMPTS));
    }

    @Test
    void wrongCodeFiveTimesLocksTheCode() {
        issue("h1", "login");
        for (int i = 1; i < MAX_ATTEMPTS; i++) {
            assertEquals(VerifyOutcome.WRONG_CODE, store.verify(SLOT, "bad", "login", MAX_ATTEMPTS));
        }
        assertEquals(VerifyOutcome.ATTEMPTS_EXHAUSTED, store.verify(SLOT, "bad", "login", MAX_ATTEMPTS));
        assertEquals(VerifyOutcome.ATTEMPTS_EXHAUSTED, store.verify(SLOT, "h1", "login", MAX_ATTEMPTS));
    }

    @Test
    void codeExpiresAfterItsValidity() {
        issue("h1", "login");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(VerifyOutcome.EXPIRED, store.verify(SLOT, "h1", "login", MAX_ATTEMPTS));
    }

    @Test
    void anotherLoginCannotUseTheCodeNorBurnItsAttempts() {
        issue("h1", "login");
        for (int i = 0; i < MAX_ATTEMPTS + 1; i++) {
            assertEquals(VerifyOutcome.NO_CODE, store.verify(SLOT, "bad", "other-login", MAX_ATTEMPTS));
        }
        assertEquals(VerifyOutcome.ACCEPTED, store.verify(SLOT, "h1", "login", MAX_ATTEMPTS));
    }

    @Test
    void resendWaitsForTheCooldownAndKeepsFailures() {
        issue("h1", "login");
        store.verify(SLOT, "bad", "login", MAX_ATTEMPTS);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(new IssueOutcome.CoolingDown(Duration.ofSeconds(20)), issue("h2", "login"));
        clock.advance(Duration.ofSeconds(20));
        assertInstanceOf(IssueOutcome.Issued.class, issue("h2", "login"));
        assertEquals(1, store.failures(SLOT));
    }

    @Test
    void budgetIsSpentAfterFiveSendsAndReturnsAfterTheHour() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(IssueOutcome.Issued.class, issue("h" + i, "login"));
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(new IssueOutcome.BudgetSpent(Duration.ofMinutes(55)), issue("h5", "login"));
        clock.advance(Duration.ofMinutes(55));
        assertInstanceOf(IssueOutcome.Issued.class, issue("h5", "login"));
    }

    @Test
    void successDoesNotResetTheBudget() {
        for (int i = 0; i < 5; i++) {
            issue("h" + i, "login");
            assertEquals(VerifyOutcome.ACCEPTED, store.verify(SLOT, "h" + i, "login", MAX_ATTEMPTS));
        }
        assertInstanceOf(IssueOutcome.BudgetSpent.class, issue("h5", "login"));
    }

    @Test
    void withdrawnCodeIsGoneAndAllowsAnImmediateResend() {
        issue("h1", "login");
        store.withdraw(SLOT, "h1");
        assertEquals(VerifyOutcome.NO_CODE, store.verify(SLOT, "h1", "login", MAX_ATTEMPTS));
        assertInstanceOf(IssueOutcome.Issued.class, issue("h2", "login"));
    }
}

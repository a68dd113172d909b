package io.emailcode.keycloak.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.code.VerifyRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Operators see every code check by what it decided, under the names docs/operations.md gives. */
class MeasuredCodeStoreTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<String> forgotten = new ArrayList<>();
    private static final AddressStanding HELD = new AddressStanding(new AddressStanding.Slot(3, 1, Optional.empty(), 2),
            AddressStanding.Slot.NONE, 2, Optional.empty(), Optional.empty());
    private final CodeStore store = new MeasuredCodeStore(new CodeStore() {
        @Override
        public IssueOutcome issue(IssueRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VerifyOutcome verify(VerifyRequest request) {
            Object answer = answers.pop();
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return (VerifyOutcome) answer;
        }

        @Override
        public void forget(String realmId, String addressKey, Optional<String> mailboxKey) {
            forgotten.add(realmId + "/" + addressKey);
        }

        @Override
        public void revokeBrowsers(String realmId, String addressKey) {
            forgotten.add("browsers of " + realmId + "/" + addressKey);
        }

        @Override
        public void revokeAccountBrowsers(String realmId, String accountKey) {
            forgotten.add("browsers of account " + realmId + "/" + accountKey);
        }

        @Override
        public AddressStanding standing(String realmId, String addressKey, String mailboxKey,
                                        Optional<String> accountKey) {
            return HELD;
        }
    }, VerificationMetrics.on(registry));

    @Test
    void everyOutcomeIsCountedUnderItsLabelAndPassedOnUnchanged() {
        for (VerifyOutcome outcome : VerifyOutcome.values()) {
            answers.add(outcome);
            assertSame(outcome, store.verify(null));
        }
        answers.add(VerifyOutcome.WRONG_CODE);
        store.verify(null);

        for (String label : List.of("accepted", "exhausted", "cap_reached", "dead", "expired", "missing", "locked")) {
            assertEquals(1.0, count(label), label);
        }
        assertEquals(2.0, count("wrong"));
    }

    @Test
    void aStoreThatCannotBeAskedIsCountedAndTheFailureStillReachesTheStep() {
        answers.add(new CodeStoreUnavailableException("DynamoDB UpdateItem failed: ServiceUnavailable", null));
        assertThrows(CodeStoreUnavailableException.class, () -> store.verify(null));
        assertEquals(1.0, count("unavailable"));
        assertEquals(0.0, count("accepted"), "every series exists before its first event");
    }

    @Test
    void forgettingAnAddressReachesTheStoreAndCountsNoCheck() {
        store.forget("realm-1", "address-key", Optional.empty());
        assertEquals(List.of("realm-1/address-key"), forgotten);
        for (String label : List.of("accepted", "wrong", "missing", "unavailable")) {
            assertEquals(0.0, count(label), label);
        }
    }

    @Test
    void anAddresssStandingIsTheStoresAndCountsNoCheck() {
        assertSame(HELD, store.standing("realm-1", "address-key", "mailbox-key", Optional.of("account-key")));
        for (String label : List.of("accepted", "wrong", "missing", "unavailable")) {
            assertEquals(0.0, count(label), label);
        }
    }

    private double count(String outcome) {
        return registry.get("keycloak.email.code.verifications").tag("outcome", outcome).counter().count();
    }
}

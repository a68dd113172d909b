package io.emailcode.keycloak.spi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.Rehearsal;
import io.emailcode.keycloak.aws.dynamodb.DynamoDbConnection;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.code.VerifyRequest;
import io.emailcode.keycloak.flow.SignInRehearsal;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignInRehearsalTest {

    /** The server's DynamoDB, as configured: nothing listens there, so a call that reached it would fail. */
    static final AwsClientSettings UNREACHABLE = new AwsClientSettings(Optional.empty(),
            Optional.of(URI.create("http://127.0.0.1:1")), Duration.ofSeconds(2), Duration.ofSeconds(1), 3);

    @Test
    void eachRehearsedSignInStoresItsCodeAndConsumesItOnLoopbackWithoutReachingTheServersDynamoDb() {
        List<Object> outcomes = new ArrayList<>();

        int rounds = DynamoDbConnection.rehearse(UNREACHABLE, Duration.ofSeconds(Rehearsal.SECONDS.defaultValue()), "keycloak-email-codes",
                store -> new SignInRehearsal(new Recording(store, outcomes),
                        StepSettings.DEFAULTS.policy(RealmSettings.DEFAULTS.failures()), RealmSettings.DEFAULTS.abuse()));

        assertTrue(rounds > 0, "rounds: " + rounds);
        assertEquals(2 * rounds, outcomes.size());
        for (int i = 0; i < outcomes.size(); i += 2) {
            assertEquals(new IssueOutcome.Issued(), outcomes.get(i));
            assertEquals(VerifyOutcome.ACCEPTED, outcomes.get(i + 1));
        }
    }

    @Test
    void aRehearsalThatFailsStopsAtItsFirstRoundAndNeverFailsTheStart() {
        AtomicInteger tried = new AtomicInteger();

        int rounds = DynamoDbConnection.rehearse(UNREACHABLE, Duration.ofSeconds(Rehearsal.SECONDS.defaultValue()), "keycloak-email-codes", store -> () -> {
            tried.incrementAndGet();
            throw new IllegalStateException("a broken round");
        });

        assertEquals(0, rounds);
        assertEquals(1, tried.get());
    }

    /** The rehearsal's store, passing every call on and keeping what it decided. */
    private record Recording(CodeStore store, List<Object> outcomes) implements CodeStore {

        @Override
        public IssueOutcome issue(IssueRequest request) {
            IssueOutcome outcome = store.issue(request);
            outcomes.add(outcome);
            return outcome;
        }

        @Override
        public VerifyOutcome verify(VerifyRequest request) {
            VerifyOutcome outcome = store.verify(request);
            outcomes.add(outcome);
            return outcome;
        }

        @Override
        public void forget(String realmId, String addressKey, java.util.Optional<String> mailboxKey) {
            store.forget(realmId, addressKey, mailboxKey);
        }

        @Override
        public io.emailcode.keycloak.code.AddressStanding standing(String realmId, String addressKey, String mailboxKey,
                                                                   Optional<String> accountKey) {
            return store.standing(realmId, addressKey, mailboxKey, accountKey);
        }

        @Override
        public void revokeBrowsers(String realmId, String addressKey) {
            store.revokeBrowsers(realmId, addressKey);
        }

        @Override
        public void revokeAccountBrowsers(String realmId, String accountKey) {
            store.revokeAccountBrowsers(realmId, accountKey);
        }
    }
}

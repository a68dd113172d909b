package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.code.VerifyRequest;
import java.util.Optional;

/**
 * Counts what each code check decided ({@link VerificationMetrics}); the decisions are the wrapped store's. Issuing,
 * forgetting and reading an address's standing are passed on uncounted (issued codes have their own counters, by
 * what their email did).
 */
final class MeasuredCodeStore implements CodeStore {

    private final CodeStore store;
    private final VerificationMetrics metrics;

    MeasuredCodeStore(CodeStore store, VerificationMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public IssueOutcome issue(IssueRequest request) {
        return store.issue(request);
    }

    @Override
    public VerifyOutcome verify(VerifyRequest request) {
        VerifyOutcome outcome;
        try {
            outcome = store.verify(request);
        } catch (CodeStoreUnavailableException e) {
            metrics.unavailable();
            throw e;
        }
        metrics.verified(outcome);
        return outcome;
    }

    @Override
    public void forget(String realmId, String addressKey, Optional<String> mailboxKey) {
        store.forget(realmId, addressKey, mailboxKey);
    }

    @Override
    public void revokeBrowsers(String realmId, String addressKey) {
        store.revokeBrowsers(realmId, addressKey);
    }

    @Override
    public void revokeAccountBrowsers(String realmId, String accountKey) {
        store.revokeAccountBrowsers(realmId, accountKey);
    }

    @Override
    public AddressStanding standing(String realmId, String addressKey, String mailboxKey, Optional<String> accountKey) {
        return store.standing(realmId, addressKey, mailboxKey, accountKey);
    }
}

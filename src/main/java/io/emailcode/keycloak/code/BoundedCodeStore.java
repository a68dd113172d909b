package io.emailcode.keycloak.code;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bulkhead in front of a {@link CodeStore}: at most {@code limit} calls in flight on this node; one more fails at
 * once as unavailable (the person gets the retry page) instead of waiting. A slow store then holds at most that
 * many of Keycloak's worker threads, and every other sign-in, email-code or not, keeps its normal time.
 */
public final class BoundedCodeStore implements CodeStore {

    private final CodeStore store;
    private final Semaphore permits;
    private final int limit;

    public BoundedCodeStore(CodeStore store, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.store = store;
        this.permits = new Semaphore(limit);
        this.limit = limit;
    }

    @Override
    public IssueOutcome issue(IssueRequest request) {
        return bounded(() -> store.issue(request));
    }

    @Override
    public VerifyOutcome verify(VerifyRequest request) {
        return bounded(() -> store.verify(request));
    }

    @Override
    public void forget(String realmId, String addressKey, Optional<String> mailboxKey) {
        bounded(() -> {
            store.forget(realmId, addressKey, mailboxKey);
            return null;
        });
    }

    @Override
    public void revokeBrowsers(String realmId, String addressKey) {
        bounded(() -> {
            store.revokeBrowsers(realmId, addressKey);
            return null;
        });
    }

    @Override
    public void revokeAccountBrowsers(String realmId, String accountKey) {
        bounded(() -> {
            store.revokeAccountBrowsers(realmId, accountKey);
            return null;
        });
    }

    @Override
    public AddressStanding standing(String realmId, String addressKey, String mailboxKey, Optional<String> accountKey) {
        return bounded(() -> store.standing(realmId, addressKey, mailboxKey, accountKey));
    }

    private <T> T bounded(Supplier<T> call) {
        if (!permits.tryAcquire()) {
            throw new CodeStoreUnavailableException("the code store already has " + limit
                    + " calls in flight on this node (is it slow?)", null);
        }
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }
}

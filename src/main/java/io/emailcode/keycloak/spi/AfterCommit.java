package io.emailcode.keycloak.spi;

import org.keycloak.models.AbstractKeycloakTransaction;

/**
 * Work for after the request's transaction: {@code onCommit} once it committed (the page is rendered and about to
 * leave), {@code onRollback} when it rolled back instead. Enlisted with
 * {@code KeycloakTransactionManager.enlistAfterCompletion}.
 */
public final class AfterCommit extends AbstractKeycloakTransaction {

    private final Runnable onCommit;
    private final Runnable onRollback;

    public AfterCommit(Runnable onCommit) {
        this(onCommit, () -> { });
    }

    public AfterCommit(Runnable onCommit, Runnable onRollback) {
        this.onCommit = onCommit;
        this.onRollback = onRollback;
    }

    @Override
    protected void commitImpl() {
        onCommit.run();
    }

    @Override
    protected void rollbackImpl() {
        onRollback.run();
    }
}

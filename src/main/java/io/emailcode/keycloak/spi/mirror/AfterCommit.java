package io.emailcode.keycloak.spi.mirror;

import org.keycloak.models.AbstractKeycloakTransaction;

/** Runs an action only if the request's transaction commits; a rolled-back change is never mirrored. */
final class AfterCommit extends AbstractKeycloakTransaction {

    private final Runnable action;

    AfterCommit(Runnable action) {
        this.action = action;
    }

    @Override
    protected void commitImpl() {
        action.run();
    }

    @Override
    protected void rollbackImpl() {
    }
}

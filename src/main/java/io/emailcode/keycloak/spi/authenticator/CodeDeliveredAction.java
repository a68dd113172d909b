package io.emailcode.keycloak.spi.authenticator;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * One of Keycloak's required actions delivered as the realm's administrator chose: by Keycloak's own link (everything
 * is Keycloak's action's), or by a code typed on a page in the same browser and session. When it runs, whether an
 * application may start it and what its cancellation does stay Keycloak's.
 */
abstract class CodeDeliveredAction implements RequiredActionProvider {

    /** Keycloak's own action, which delivers the link. */
    protected final RequiredActionProvider keycloaks;
    protected final ActionRequests requests;

    CodeDeliveredAction(RequiredActionProvider keycloaks, ActionRequests requests) {
        this.keycloaks = keycloaks;
        this.requests = requests;
    }

    @Override
    public final void evaluateTriggers(RequiredActionContext context) {
        keycloaks.evaluateTriggers(context);
    }

    @Override
    public final InitiatedActionSupport initiatedActionSupport() {
        return keycloaks.initiatedActionSupport();
    }

    @Override
    public void initiatedActionCanceled(KeycloakSession session, AuthenticationSessionModel authSession) {
        keycloaks.initiatedActionCanceled(session, authSession);
    }

    @Override
    public final void close() {
        keycloaks.close();
    }
}

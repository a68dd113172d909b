package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;

/**
 * The applier of a required action delivered by code: its pages are the action's challenges, and what a right code
 * proved reaches the Cognito pool only then. Keycloak's brute-force detector does not count a required action's wrong
 * codes; the engine's failure cap does, the same cap as the sign-in's.
 */
abstract class ActionApplier extends OutcomeApplier {

    protected final RequiredActionContext context;
    protected final EventBuilder event;
    private final MirrorProvider mirror;
    private final MirrorSettings mirrorSettings;

    /** @param event the door's own events (Keycloak's event of the action's success stays Keycloak's) */
    ActionApplier(RequiredActionContext context, EventBuilder event, Attempt attempt, Optional<String> lockoutError,
                  StepSettings settings, Collaborators with, MirrorProvider mirror, MirrorSettings mirrorSettings) {
        super(context.getSession(), context.getRealm(), attempt, context.getUser(), lockoutError, settings,
                new CodePage(context::form, context.getAuthenticationSession(), attempt, settings), with);
        this.context = context;
        this.event = event;
        this.mirror = mirror;
        this.mirrorSettings = mirrorSettings;
    }

    @Override
    final EventBuilder event() {
        return event;
    }

    @Override
    final void show(Response codePage) {
        context.challenge(codePage);
    }

    @Override
    final void fail(Response codePage) {
        context.challenge(codePage);
    }

    /** The code proved the account's address: the pool learns of it, and a pool user it covers may be adopted. */
    final void tellThePool(UserModel account) {
        if (mirrorSettings.enabled() && mirror.available()) {
            mirror.syncAfterProof(context.getSession(), context.getRealm().getId(), account.getId(), attempt.address());
        }
    }
}

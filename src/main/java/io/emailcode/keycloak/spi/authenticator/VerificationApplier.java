package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * The verification door's applier (Keycloak's "Verify email" delivered by code): a right code verifies the
 * signed-in account's address, with Keycloak's own {@code VERIFY_EMAIL} event, and the Cognito pool learns of it
 * only now. Nobody is signed in by it. Keycloak's brute-force detector does not count a required action's wrong
 * codes; the engine's failure cap does, the same cap as the sign-in's.
 */
final class VerificationApplier extends OutcomeApplier {

    private static final Logger LOG = Logger.getLogger(VerificationApplier.class);

    private final RequiredActionContext context;
    private final EventBuilder event;
    private final MirrorProvider mirror;
    private final MirrorSettings mirrorSettings;

    /** @param event the door's own events (Keycloak's event of the action's success stays Keycloak's) */
    VerificationApplier(RequiredActionContext context, EventBuilder event, Attempt attempt, Optional<String> lockoutError, StepSettings settings,
                        Collaborators with, MirrorProvider mirror, MirrorSettings mirrorSettings) {
        super(context.getSession(), context.getRealm(), attempt, context.getUser(), lockoutError, settings,
                new CodePage(context::form, context.getAuthenticationSession(), attempt, settings), with);
        this.context = context;
        this.event = event;
        this.mirror = mirror;
        this.mirrorSettings = mirrorSettings;
    }

    @Override
    EventBuilder event() {
        return event;
    }

    @Override
    void show(Response codePage) {
        context.challenge(codePage);
    }

    @Override
    void fail(Response codePage) {
        context.challenge(codePage);
    }

    @Override
    void proceed(StepOutcome.Action action, UserModel account) {
        if (action != StepOutcome.Action.VERIFY_ADDRESS) {
            throw new IllegalStateException(action + " is not an outcome of the verification door");
        }
        account.setEmailVerified(true);
        event.clone().event(EventType.VERIFY_EMAIL).user(account)
                .detail(Details.EMAIL, account.getEmail())
                .detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked())
                .success();
        LOG.infof("Address %s of user %s in realm %s verified with a code", attempt.masked(), account.getId(),
                context.getRealm().getName());
        if (mirrorSettings.enabled() && mirror.available()) {
            // The code proved the address: a pool user it covers may be adopted, as at a sign-in by code.
            mirror.syncAfterProof(context.getSession(), context.getRealm().getId(), account.getId(), attempt.address());
        }
        context.success();
    }
}

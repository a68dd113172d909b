package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
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
 * only now. Nobody is signed in by it.
 */
final class VerificationApplier extends ActionApplier {

    private static final Logger LOG = Logger.getLogger(VerificationApplier.class);

    VerificationApplier(RequiredActionContext context, EventBuilder event, Attempt attempt, Optional<String> lockoutError,
                        StepSettings settings, Collaborators with, MirrorProvider mirror, MirrorSettings mirrorSettings) {
        super(context, event, attempt, lockoutError, settings, with, mirror, mirrorSettings);
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
        tellThePool(account);
        context.success();
    }
}

package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.spi.ProviderIds;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Creates the account of an address that proved itself with a code, when the step and the realm both allow
 * registration ({@link NewAccounts}), with the address verified, and records the {@code REGISTER} event.
 */
final class Registration {

    private static final Logger LOG = Logger.getLogger(Registration.class);

    private Registration() {
    }

    /** The new user, or empty when the realm refuses the address (a clear page follows, never an error 500). */
    static Optional<UserModel> register(AuthenticationFlowContext context, Attempt attempt) {
        Optional<UserModel> created = NewAccounts.create(context, attempt, "Registration");
        created.ifPresent(user -> {
            user.setEmailVerified(true);
            user.setEnabled(true);
            context.getEvent().clone().event(EventType.REGISTER).user(user)
                    .detail(Details.REGISTER_METHOD, ProviderIds.EMAIL_CODE_STEP)
                    .detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked())
                    .success();
            LOG.infof("Registered user %s in realm %s after an email-code sign-in", user.getId(), context.getRealm().getName());
        });
        return created;
    }
}

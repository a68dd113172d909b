package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.spi.ProviderIds;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/** Creates the account of an address that proved itself with a code, when the step registers unknown addresses. */
final class Registration {

    private static final Logger LOG = Logger.getLogger(Registration.class);

    private Registration() {
    }

    /** The new user (or one that appeared meanwhile with the address), with the address verified by the code. */
    static UserModel register(AuthenticationFlowContext context, Attempt attempt) {
        UserModel existing = context.getSession().users().getUserByEmail(context.getRealm(), attempt.address());
        if (existing != null) {
            return existing;
        }
        UserModel user = context.getSession().users().addUser(context.getRealm(), attempt.address());
        user.setEmail(attempt.address());
        user.setEmailVerified(true);
        user.setEnabled(true);
        context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.REGISTER_METHOD, ProviderIds.EMAIL_CODE_STEP)
                .detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked())
                .success();
        LOG.infof("Registered user %s in realm %s after an email-code sign-in", user.getId(), context.getRealm().getName());
        return user;
    }
}

package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.spi.ProviderIds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Creates the account of an address that proved itself with a code, when the step and the realm both allow
 * registration. The address and username must pass the realm's user profile (its validators, e.g. allowed
 * domains, and uniqueness); other required attributes are asked for by Keycloak's "verify profile" action.
 */
final class Registration {

    private static final Logger LOG = Logger.getLogger(Registration.class);

    private Registration() {
    }

    /** The new user, or empty when the realm refuses the address (a clear page follows, never an error 500). */
    static Optional<UserModel> register(AuthenticationFlowContext context, Attempt attempt) {
        Map<String, List<String>> attributes = Map.of(UserModel.EMAIL, List.of(attempt.address()),
                UserModel.USERNAME, List.of(attempt.address()));
        try {
            context.getSession().getProvider(UserProfileProvider.class)
                    .create(UserProfileContext.REGISTRATION, attributes).validate();
        } catch (ValidationException e) {
            if (e.isAttributeOnError(UserModel.EMAIL, UserModel.USERNAME)) {
                LOG.infof("Registration of %s in realm %s refused by the user profile", attempt.masked(), context.getRealm().getName());
                return Optional.empty();
            }
            // Only other attributes are missing: Keycloak's "verify profile" asks for them after the sign-in.
        }
        UserModel user;
        try {
            user = context.getSession().users().addUser(context.getRealm(), attempt.address());
        } catch (ModelDuplicateException e) {
            LOG.infof("Registration of %s in realm %s refused: the username is taken", attempt.masked(), context.getRealm().getName());
            return Optional.empty();
        }
        user.setEmail(attempt.address());
        user.setEmailVerified(true);
        user.setEnabled(true);
        context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.REGISTER_METHOD, ProviderIds.EMAIL_CODE_STEP)
                .detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked())
                .success();
        LOG.infof("Registered user %s in realm %s after an email-code sign-in", user.getId(), context.getRealm().getName());
        return Optional.of(user);
    }
}

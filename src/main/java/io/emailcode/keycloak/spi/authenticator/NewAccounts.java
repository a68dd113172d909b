package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Creates the account of an address that just proved itself with a code (a registration or an import from the pool):
 * username and address are the address, and must pass the realm's user profile (its validators, e.g. allowed domains,
 * a unique address and username); other required attributes are asked for by Keycloak's "verify profile" action.
 */
final class NewAccounts {

    private static final Logger LOG = Logger.getLogger(NewAccounts.class);

    private NewAccounts() {
    }

    /** The new user with its address set, or empty when the realm refuses the address. */
    static Optional<UserModel> create(AuthenticationFlowContext context, Attempt attempt, String purpose) {
        Map<String, List<String>> attributes = Map.of(UserModel.EMAIL, List.of(attempt.address()),
                UserModel.USERNAME, List.of(attempt.address()));
        try {
            context.getSession().getProvider(UserProfileProvider.class)
                    .create(UserProfileContext.REGISTRATION, attributes).validate();
        } catch (ValidationException e) {
            if (e.isAttributeOnError(UserModel.EMAIL, UserModel.USERNAME)) {
                LOG.infof("%s of %s in realm %s refused by the user profile", purpose, attempt.masked(), context.getRealm().getName());
                return Optional.empty();
            }
            // Only other attributes are missing: Keycloak's "verify profile" asks for them after the sign-in.
        }
        UserModel user;
        try {
            user = context.getSession().users().addUser(context.getRealm(), attempt.address());
        } catch (ModelDuplicateException e) {
            LOG.infof("%s of %s in realm %s refused: the username is taken", purpose, attempt.masked(), context.getRealm().getName());
            return Optional.empty();
        }
        user.setEmail(attempt.address());
        return Optional.of(user);
    }
}

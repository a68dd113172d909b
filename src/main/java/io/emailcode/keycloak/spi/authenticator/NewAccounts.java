package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Creates the account of an address that just proved itself with a code (a registration or an import from the pool).
 * Its username is the address only where the realm uses addresses as usernames; elsewhere it is generated, because
 * Keycloak writes usernames into events and no full address may appear there. Address and username must pass the
 * realm's user profile (its validators, e.g. allowed domains, a unique address); other required attributes are asked
 * for by Keycloak's "verify profile" action.
 */
final class NewAccounts {

    private static final Logger LOG = Logger.getLogger(NewAccounts.class);

    private NewAccounts() {
    }

    /** The new user with its address set, or empty when the realm refuses the address. */
    static Optional<UserModel> create(AuthenticationFlowContext context, Attempt attempt, String purpose) {
        String username = username(context.getRealm(), attempt.address());
        Map<String, List<String>> attributes = Map.of(UserModel.EMAIL, List.of(attempt.address()),
                UserModel.USERNAME, List.of(username));
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
            user = context.getSession().users().addUser(context.getRealm(), username);
        } catch (ModelDuplicateException e) {
            LOG.infof("%s of %s in realm %s refused: the username is taken", purpose, attempt.masked(), context.getRealm().getName());
            return Optional.empty();
        }
        user.setEmail(attempt.address());
        return Optional.of(user);
    }

    /** The address where the realm uses addresses as usernames (Keycloak keeps the two equal there), else a new id. */
    static String username(RealmModel realm, String address) {
        return realm.isRegistrationEmailAsUsername() ? address : KeycloakModelUtils.generateId();
    }
}

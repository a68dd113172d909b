package io.emailcode.keycloak.spi;

import io.emailcode.keycloak.code.EmailAddresses;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The one account of a realm that holds an address, found in every form Keycloak may have stored the address in. */
public final class AddressHolder {

    private AddressHolder() {
    }

    /** @return none when no account holds the address, or several do (possible with federation) */
    public static Optional<UserModel> of(KeycloakSession session, RealmModel realm, String normalisedAddress) {
        for (String form : EmailAddresses.storedForms(normalisedAddress)) {
            try {
                UserModel user = session.users().getUserByEmail(realm, form);
                if (user != null) {
                    return Optional.of(user);
                }
            } catch (ModelDuplicateException e) {
                // Several accounts share the address: none of them can be chosen safely.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

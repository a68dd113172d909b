package io.emailcode.keycloak.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import org.keycloak.models.UserModel;

/**
 * Who a code is for: a normalised address and, when the address belongs to an account, that user.
 * An unknown address has no user; from the outside it must be handled exactly like a known one.
 */
record CodeRecipient(String address, UserModel user) {

    boolean known() {
        return user != null;
    }

    String masked() {
        return EmailAddresses.mask(address);
    }
}

package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The new address a person typed at the address-change door, kept in the action's authentication session until a
 * code proves it: the account keeps its address until then, and a code is checked only against this address.
 *
 * @param typed         the address as typed (the user profile validates and stores it)
 * @param signOutOthers the person asked to sign out their other sessions once the change is done
 */
record PendingChange(String typed, boolean signOutOthers) {

    static final String NOTE_ADDRESS = "email-code.new-address";
    static final String NOTE_SIGN_OUT_OTHERS = "email-code.sign-out-others";

    static Optional<PendingChange> of(AuthenticationSessionModel login) {
        return Optional.ofNullable(login.getAuthNote(NOTE_ADDRESS))
                .map(typed -> new PendingChange(typed, Boolean.parseBoolean(login.getAuthNote(NOTE_SIGN_OUT_OTHERS))));
    }

    void keepIn(AuthenticationSessionModel login) {
        login.setAuthNote(NOTE_ADDRESS, typed);
        login.setAuthNote(NOTE_SIGN_OUT_OTHERS, Boolean.toString(signOutOthers));
    }

    static void clear(AuthenticationSessionModel login) {
        login.removeAuthNote(NOTE_ADDRESS);
        login.removeAuthNote(NOTE_SIGN_OUT_OTHERS);
    }

    /** The normalised address its codes are issued and checked for. */
    Optional<String> address() {
        return EmailAddresses.normalise(typed);
    }
}

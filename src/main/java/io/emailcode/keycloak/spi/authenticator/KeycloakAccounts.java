package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.AccountFacts;
import io.emailcode.keycloak.flow.Accounts;
import io.emailcode.keycloak.spi.AddressHolder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The engine's {@link Accounts}, answered by Keycloak's user store of one realm. It keeps the accounts it found, so
 * carrying out a decision about one of them looks nothing up again.
 */
final class KeycloakAccounts implements Accounts {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, UserModel> found = new HashMap<>();

    KeycloakAccounts(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public Optional<AccountFacts> withAddress(String address, boolean readLockout) {
        return account(address).map(user -> {
            found.put(user.getId(), user);
            return facts(user, readLockout ? lockout(session, realm, user) : Optional.empty());
        });
    }

    /** Why Keycloak's brute-force detector refuses the account, if it does. */
    static Optional<String> lockout(KeycloakSession session, RealmModel realm, UserModel user) {
        return Optional.ofNullable(AuthenticatorUtils.getDisabledByBruteForceEventError(
                session.getProvider(BruteForceProtector.class), session, realm, user));
    }

    /** @param lockout the brute-force detector's event error for the account, as read by the caller */
    static AccountFacts facts(UserModel user, Optional<String> lockout) {
        return new AccountFacts(user.getId(), user.isEnabled(), lockout, user.isEmailVerified());
    }

    /** An account this directory answered with, or one a decision names by id. */
    UserModel user(String id) {
        UserModel user = found.get(id);
        return user != null ? user : session.users().getUserById(realm, id);
    }

    /** The account with the address, in any form Keycloak may have stored it; none when several share it. */
    Optional<UserModel> account(String address) {
        return AddressHolder.of(session, realm, address);
    }
}

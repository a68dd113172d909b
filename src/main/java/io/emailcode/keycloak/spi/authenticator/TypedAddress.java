package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.flow.Attempt.Standing;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * An address the person typed, and what the realm does with it. What Keycloak has for it is looked up only by the
 * code's email task, off the request thread, and once its code proved right: never while a request for a code is
 * answered, so no response, not even its timing, depends on whether an account has the address.
 *
 * @param registers       the realm lets the step register an address without an account
 * @param importsFromPool an address without an account may be one only the Cognito pool has (import on proof)
 * @param lane            the request's lane: Keycloak's temporary lockout holds only where {@link Lane#lockable()}
 * @param addressKey      the address's keyed hash (the pool lookup's memory of absent addresses is keyed by it)
 */
record TypedAddress(String address, boolean registers, boolean importsFromPool, Lane lane, String addressKey) {

    /** What was found: the address's standing, and its account if it has one. */
    record Found(Standing standing, Optional<UserModel> account, Optional<String> lockoutError) {
    }

    TypedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(addressKey, "addressKey");
    }

    /** The same address, for a request served in the open lane (its browser's own lane was revoked). */
    TypedAddress inOpenLane() {
        return new TypedAddress(address, registers, importsFromPool, Lane.OPEN, addressKey);
    }

    Found resolve(KeycloakSession session, RealmModel realm) {
        Optional<UserModel> account = account(session, realm);
        if (account.isEmpty()) {
            Standing none = registers ? Standing.REGISTRABLE : importsFromPool ? Standing.IMPORTABLE : Standing.UNKNOWN;
            return new Found(none, account, Optional.empty());
        }
        UserModel user = account.get();
        if (!user.isEnabled()) {
            return new Found(Standing.DISABLED, account, Optional.empty());
        }
        Optional<String> lockout = !lane.lockable() ? Optional.empty() : Optional.ofNullable(AuthenticatorUtils
                .getDisabledByBruteForceEventError(session.getProvider(BruteForceProtector.class), session, realm, user));
        if (lockout.isPresent()) {
            return new Found(Standing.LOCKED, account, lockout);
        }
        // Whoever set the account up may not own the address: the realm's rule decides what a proof gives.
        return new Found(user.isEmailVerified() ? Standing.KNOWN : Standing.UNVERIFIED, account, lockout);
    }

    /** The account with the address, in any form Keycloak may have stored it; none when several share it. */
    Optional<UserModel> account(KeycloakSession session, RealmModel realm) {
        for (String form : EmailAddresses.storedForms(address)) {
            try {
                UserModel user = session.users().getUserByEmail(realm, form);
                if (user != null) {
                    return Optional.of(user);
                }
            } catch (ModelDuplicateException e) {
                // Several accounts share the address (possible with federation): none of them can be chosen safely.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "TypedAddress[" + EmailAddresses.mask(address) + "]";
    }
}

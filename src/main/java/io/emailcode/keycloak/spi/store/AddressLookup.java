package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.spi.AddressHolder;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the code store holds about an address in a realm, found by the keys the sign-in uses, for support staff:
 * the address's items, and the revocation of the known browsers of the one account that holds it, if one does. The
 * answer for an address without an account has the same shape.
 */
public final class AddressLookup {

    private AddressLookup() {
    }

    /** @throws CodeStoreUnavailableException when the store cannot be reached */
    public static AddressStanding standing(KeycloakSession session, RealmModel realm, String normalisedAddress) {
        CodeHasher hasher = new RealmSecrets(session, realm).addressHasher();
        Optional<String> accountKey = AddressHolder.of(session, realm, normalisedAddress)
                .map(account -> hasher.accountKey(realm.getId(), account.getId()));
        return session.getProvider(CodeStoreProvider.class).codeStore().standing(realm.getId(),
                hasher.addressKey(normalisedAddress), hasher.mailboxKeyOf(normalisedAddress), accountKey);
    }
}

package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the code store holds about an address in a realm, found by the keys the sign-in uses, for support staff.
 * Keyed by the address alone, never by an account, so the answer for an address without one looks the same.
 */
public final class AddressLookup {

    private AddressLookup() {
    }

    /** @throws CodeStoreUnavailableException when the store cannot be reached */
    public static AddressStanding standing(KeycloakSession session, RealmModel realm, String normalisedAddress) {
        CodeHasher hasher = new RealmSecrets(session, realm).addressHasher();
        return session.getProvider(CodeStoreProvider.class).codeStore().standing(realm.getId(),
                hasher.addressKey(normalisedAddress), hasher.mailboxKeyOf(normalisedAddress));
    }
}

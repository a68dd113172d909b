package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import io.emailcode.keycloak.spi.realm.StepInFlows;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Forgets an address's codes and limits in a realm (its failure cap and locks, cooldown and this hour's budget, in
 * every lane): at an administrator's request, and when the account with the address is deleted, so nothing is kept
 * for a person who is gone. A deletion does not wait for DynamoDB: should the store be down, the items expire by
 * their TTL (30 days after the last code). A deletion in a realm whose flows do not have the step (the master
 * realm, most often) makes no call: nothing of its users can be in the store, unless the step was removed from its
 * flows since, and then its items expire by their TTL too.
 */
public final class AddressForgetting implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(AddressForgetting.class);

    /**
     * An administrator's reset: the address's codes and limits, and its mailbox's send budget of this hour, which
     * strangers may have spent with the mailbox's {@code +tag} addresses.
     *
     * @throws CodeStoreUnavailableException when the store cannot be reached
     */
    public static void reset(KeycloakSession session, RealmModel realm, String normalisedAddress) {
        CodeHasher hasher = new RealmSecrets(session, realm).addressHasher();
        session.getProvider(CodeStoreProvider.class).codeStore().forget(realm.getId(), hasher.addressKey(normalisedAddress),
                Optional.of(hasher.mailboxKeyOf(normalisedAddress)));
    }

    /**
     * A deleted account's address: its codes and limits; the mailbox's budget keeps counting for its other addresses.
     *
     * @throws CodeStoreUnavailableException when the store cannot be reached
     */
    static void forget(KeycloakSession session, RealmModel realm, String normalisedAddress) {
        String key = new RealmSecrets(session, realm).addressHasher().addressKey(normalisedAddress);
        session.getProvider(CodeStoreProvider.class).codeStore().forget(realm.getId(), key, Optional.empty());
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof UserModel.UserRemovedEvent removed) || !StepInFlows.anyIn(removed.getRealm())) {
            return;
        }
        EmailAddresses.normalise(removed.getUser().getEmail()).ifPresent(address -> {
            try {
                forget(removed.getKeycloakSession(), removed.getRealm(), address);
            } catch (CodeStoreUnavailableException e) {
                LOG.warnf("Codes and limits of deleted user %s in realm %s were not removed now (they expire by TTL): %s",
                        removed.getUser().getId(), removed.getRealm().getName(), e.getMessage());
            }
        });
    }
}

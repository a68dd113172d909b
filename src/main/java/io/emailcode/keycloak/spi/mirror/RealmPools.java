package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.PoolAddress;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The user pool each realm mirrors into, as its settings say at the moment of the call (the mirror's work runs off
 * the request, in sessions of its own; Keycloak caches realms and their components, so reading is cheap).
 */
final class RealmPools implements Function<String, PoolAddress> {

    private final KeycloakSessionFactory factory;

    RealmPools(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    /** @throws MirrorException (not retryable) when the realm is gone or mirrors into no pool */
    @Override
    public PoolAddress apply(String realmId) {
        Optional<PoolAddress> pool = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            return realm == null ? Optional.<PoolAddress>empty() : RealmSettingsStore.readOrDefaults(realm).mirror().pool();
        });
        return pool.orElseThrow(() -> new MirrorException("Realm " + realmId + " mirrors into no Cognito user pool", false, null));
    }
}

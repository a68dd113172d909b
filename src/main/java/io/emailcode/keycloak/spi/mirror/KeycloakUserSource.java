package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.UserSource;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Optional;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Keycloak's users, read and linked in a short transaction of their own (the callers run off request threads). */
final class KeycloakUserSource implements UserSource {

    private final KeycloakSessionFactory factory;

    KeycloakUserSource(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Optional<MirroredUser> current(String realmId, String userId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return Optional.empty();
            }
            // Keycloak's user lookups need the realm on the session, as in a request.
            session.getContext().setRealm(realm);
            MirrorSettings settings = RealmSettingsStore.readOrDefaults(realm).mirror();
            UserModel user = session.users().getUserById(realm, userId);
            return settings.enabled() && user != null ? MirroredUsers.of(user, settings) : Optional.empty();
        });
    }

    @Override
    public void linkSub(String realmId, String userId, String sub) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            session.getContext().setRealm(realm);
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null) {
                user.setSingleAttribute(MirroredUsers.SUB_ATTRIBUTE, sub);
            }
        });
    }
}

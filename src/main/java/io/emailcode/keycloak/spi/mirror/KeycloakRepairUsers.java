package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.RepairUsers;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One realm's users for the drift repair, each read in a short transaction of its own (a run lasts long and is paced
 * by Cognito's quotas, so no transaction is held across pool calls). Keycloak orders a realm's users by username, so
 * positions are stable while nobody is added or removed; someone added or removed during a run may shift a page by
 * one, which the next run makes up for.
 */
final class KeycloakRepairUsers implements RepairUsers {

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final KeycloakUserSource links;

    KeycloakRepairUsers(KeycloakSessionFactory factory, String realmId) {
        this.factory = factory;
        this.realmId = realmId;
        this.links = new KeycloakUserSource(factory);
    }

    @Override
    public List<Optional<MirroredUser>> page(int first, int max) {
        return inRealm(List.of(), (session, realm, settings) -> session.users()
                .searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, max)
                .map(user -> MirroredUsers.of(user, settings)).toList());
    }

    @Override
    public Map<String, MirroredUser> linkedTo(Collection<String> subs) {
        return inRealm(Map.of(), (session, realm, settings) -> {
            Map<String, MirroredUser> linked = new HashMap<>();
            for (String sub : subs) {
                // Only a user that holds exactly this sub is linked to the pool user; several would be an admin's error.
                List<UserModel> users = session.users().searchForUserByUserAttributeStream(realm, MirroredUsers.SUB_ATTRIBUTE, sub)
                        .limit(2).toList();
                if (users.size() == 1) {
                    MirroredUsers.of(users.get(0), settings).filter(u -> u.sub().equals(Optional.of(sub)))
                            .ifPresent(u -> linked.put(sub, u));
                }
            }
            return linked;
        });
    }

    @Override
    public void linkSub(String userId, String sub) {
        links.linkSub(realmId, userId, sub);
    }

    private interface RealmWork<T> {
        T run(KeycloakSession session, RealmModel realm, MirrorSettings settings);
    }

    private <T> T inRealm(T whenGone, RealmWork<T> work) {
        Function<KeycloakSession, T> job = session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return whenGone;
            }
            session.getContext().setRealm(realm);
            return work.run(session, realm, RealmSettingsStore.readOrDefaults(realm).mirror());
        };
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, job::apply);
    }
}

package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Warns at start about a realm that mirrors users and lets them edit {@code cognito_sub} themselves (a user-editable
 * declared attribute, or unmanaged attributes open to users): whoever could write it could point their Keycloak
 * account at another person's pool user.
 */
final class SubAttributeGuard {

    private static final Logger LOG = Logger.getLogger(SubAttributeGuard.class);
    private static final String USER_ROLE = "user";

    private SubAttributeGuard() {
    }

    static void warnIfUsersCanWrite(KeycloakSession session, RealmModel realm) {
        if (!RealmSettingsStore.readOrDefaults(realm).mirror().enabled()) {
            return;
        }
        session.getContext().setRealm(realm);
        if (usersCanWrite(session.getProvider(UserProfileProvider.class).getConfiguration())) {
            LOG.warnf("Realm %s mirrors users into Cognito but lets them edit the attribute %s themselves. Declare it in "
                    + "the user profile with edit permission for admins only, or keep unmanaged attributes out of users' "
                    + "reach.", realm.getName(), MirroredUsers.SUB_ATTRIBUTE);
        }
    }

    /** Whether a realm's user profile lets people edit {@code cognito_sub} on their own account. */
    static boolean usersCanWrite(UPConfig config) {
        UPAttribute declared = config.getAttributes() == null ? null : config.getAttribute(MirroredUsers.SUB_ATTRIBUTE);
        if (declared != null) {
            Set<String> editors = declared.getPermissions() == null ? Set.of() : declared.getPermissions().getEdit();
            return editors != null && editors.contains(USER_ROLE);
        }
        return config.getUnmanagedAttributePolicy() == UPConfig.UnmanagedAttributePolicy.ENABLED;
    }
}

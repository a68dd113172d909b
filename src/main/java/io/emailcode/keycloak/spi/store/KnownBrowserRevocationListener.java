package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An administrator's "Sign out" of a user (every session of the account ends) revokes every known-browser cookie
 * of the account's address, so a copied cookie loses its lane too. Keycloak reports that action only as an admin
 * event ({@code ACTION} on {@code users/{id}/logout}), so the realm must enable this listener
 * ({@value io.emailcode.keycloak.spi.ProviderIds#KNOWN_BROWSERS_EVENT_LISTENER}) for it.
 */
final class KnownBrowserRevocationListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(KnownBrowserRevocationListener.class);

    private final KeycloakSession session;

    KnownBrowserRevocationListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.USER || event.getOperationType() != OperationType.ACTION
                || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        if (path.length != 3 || !path[0].equals("users") || !path[2].equals("logout")) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path[1]);
        if (user == null) {
            return;
        }
        EmailAddresses.normalise(user.getEmail()).ifPresent(address -> {
            String key = new CodeHasher(new RealmSecrets(session, realm).addressSecret()).addressKey(address);
            try {
                session.getProvider(CodeStoreProvider.class).codeStore().revokeBrowsers(realm.getId(), key);
                LOG.infof("Known browsers of user %s in realm %s revoked: signed out everywhere", user.getId(), realm.getName());
            } catch (CodeStoreUnavailableException e) {
                LOG.warnf("Known browsers of user %s in realm %s were not revoked at its sign-out everywhere: %s",
                        user.getId(), realm.getName(), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
    }
}

package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.AddressChange;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Revokes known-browser cookies on what Keycloak reports only as events, so the realm must enable this listener
 * ({@value io.emailcode.keycloak.spi.ProviderIds#KNOWN_BROWSERS_EVENT_LISTENER}) for them:
 * <ul>
 * <li>an administrator's "Sign out" of a user (the admin event {@code ACTION} on {@code users/{id}/logout}): every
 * cookie of the account's address;</li>
 * <li>the user's own change of address ({@code UPDATE_PROFILE} or {@code UPDATE_EMAIL}, which carry the previous
 * and the updated address as details): every cookie of both addresses ({@link AddressChange}).</li>
 * </ul>
 */
final class KnownBrowserRevocationListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(KnownBrowserRevocationListener.class);

    private final KeycloakSession session;

    KnownBrowserRevocationListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        Map<String, String> details = event.getDetails();
        if (details == null || !details.containsKey(Details.PREVIOUS_EMAIL)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        AddressChange change = new AddressChange(Optional.ofNullable(details.get(Details.PREVIOUS_EMAIL)),
                Optional.ofNullable(details.get(Details.UPDATED_EMAIL)));
        change.revoked().forEach(address -> revoke(realm, address, event.getUserId(), "its address changed"));
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
        EmailAddresses.normalise(user.getEmail())
                .ifPresent(address -> revoke(realm, address, user.getId(), "signed out everywhere"));
    }

    private void revoke(RealmModel realm, String address, String userId, String why) {
        String key = new CodeHasher(new RealmSecrets(session, realm).addressSecret()).addressKey(address);
        try {
            session.getProvider(CodeStoreProvider.class).codeStore().revokeBrowsers(realm.getId(), key);
            LOG.infof("Known browsers of an address of user %s in realm %s revoked: %s", userId, realm.getName(), why);
        } catch (CodeStoreUnavailableException e) {
            LOG.warnf("Known browsers of an address of user %s in realm %s were not revoked (%s): %s",
                    userId, realm.getName(), why, e.getMessage());
        }
    }

    @Override
    public void close() {
    }
}

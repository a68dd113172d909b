package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.AddressChange;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Revokes known-browser cookies on what Keycloak reports only as events, so the realm must enable this listener
 * ({@value io.emailcode.keycloak.spi.ProviderIds#KNOWN_BROWSERS_EVENT_LISTENER}) for them:
 * <ul>
 * <li>an administrator's "Sign out" of a user (the admin event {@code ACTION} on {@code users/{id}/logout}): every
 * cookie issued to the account;</li>
 * <li>an administrator's change of a user (the admin event {@code UPDATE} on {@code users/{id}}, which does not say
 * which attributes changed or what the address was): every cookie issued to the account, whatever changed;</li>
 * <li>the account console's "Sign out all devices" (one {@code LOGOUT} per ended session, fired while serving
 * {@code DELETE /realms/{realm}/account/sessions}): every cookie issued to the account;</li>
 * <li>the user's own change of address ({@code UPDATE_PROFILE} or {@code UPDATE_EMAIL}, which carry the previous
 * and the updated address as details): every cookie of both addresses ({@link AddressChange}).</li>
 * </ul>
 * Without the listener, a cookie issued before an administrator's "Sign out" is still revoked at the account's next
 * sign-in by code (Keycloak keeps the user's not-before time), and a cookie of an address now held by another account
 * at that account's next sign-in by code.
 */
final class KnownBrowserRevocationListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(KnownBrowserRevocationListener.class);

    private final KeycloakSession session;

    KnownBrowserRevocationListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        // Every user event of the realm comes here (sign-ins, token refreshes): only two kinds look any further.
        Map<String, String> details = event.getDetails();
        boolean addressChanged = details != null && details.containsKey(Details.PREVIOUS_EMAIL);
        boolean signOut = event.getType() == EventType.LOGOUT && event.getUserId() != null;
        RealmModel realm = addressChanged || signOut ? session.realms().getRealm(event.getRealmId()) : null;
        if (realm == null) {
            return;
        }
        if (addressChanged) {
            AddressChange change = new AddressChange(Optional.ofNullable(details.get(Details.PREVIOUS_EMAIL)),
                    Optional.ofNullable(details.get(Details.UPDATED_EMAIL)));
            change.revoked().forEach(address -> revokeAddress(realm, address, event.getUserId()));
        } else if (signingOutAllDevices(realm)) {
            revokeAccount(realm, event.getUserId(), "signed out of all devices");
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.USER || event.getResourcePath() == null) {
            return;
        }
        String[] path = event.getResourcePath().split("/");
        boolean signOut = event.getOperationType() == OperationType.ACTION && path.length == 3
                && path[0].equals("users") && path[2].equals("logout");
        boolean update = event.getOperationType() == OperationType.UPDATE && path.length == 2 && path[0].equals("users");
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if ((signOut || update) && realm != null) {
            revokeAccount(realm, path[1], signOut ? "signed out everywhere" : "changed by an administrator");
        }
    }

    /** The request being served is the account console's "Sign out all devices" (not one device's sign-out). */
    private boolean signingOutAllDevices(RealmModel realm) {
        KeycloakContext context = session.getContext();
        if (context == null || context.getHttpRequest() == null || context.getUri() == null) {
            return false;
        }
        return "DELETE".equals(context.getHttpRequest().getHttpMethod())
                && context.getUri().getPath().equals("/realms/" + realm.getName() + "/account/sessions");
    }

    private void revokeAddress(RealmModel realm, String address, String userId) {
        String key = hasher(realm).addressKey(address);
        revoke(realm, userId, "its address changed", store -> store.revokeBrowsers(realm.getId(), key));
    }

    private void revokeAccount(RealmModel realm, String userId, String why) {
        String key = hasher(realm).accountKey(realm.getId(), userId);
        revoke(realm, userId, why, store -> store.revokeAccountBrowsers(realm.getId(), key));
    }

    private void revoke(RealmModel realm, String userId, String why, Consumer<CodeStore> revocation) {
        try {
            revocation.accept(session.getProvider(CodeStoreProvider.class).codeStore());
            LOG.infof("Known browsers of user %s in realm %s revoked: %s", userId, realm.getName(), why);
        } catch (CodeStoreUnavailableException e) {
            LOG.warnf("Known browsers of user %s in realm %s were not revoked (%s): %s",
                    userId, realm.getName(), why, e.getMessage());
        }
    }

    private CodeHasher hasher(RealmModel realm) {
        return new RealmSecrets(session, realm).addressHasher();
    }

    @Override
    public void close() {
    }
}

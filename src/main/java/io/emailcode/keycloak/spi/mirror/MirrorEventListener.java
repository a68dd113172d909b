package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Set;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Turns user and admin events on users into mirror changes, applied after the request commits.
 * Deletes are handled by {@link UserRemovalMirror}, which still sees the user.
 */
final class MirrorEventListener implements EventListenerProvider {

    private static final Set<EventType> USER_CHANGES = Set.of(EventType.REGISTER, EventType.UPDATE_PROFILE,
            EventType.UPDATE_EMAIL, EventType.VERIFY_EMAIL);
    private static final Set<OperationType> ADMIN_CHANGES = Set.of(OperationType.CREATE, OperationType.UPDATE,
            OperationType.ACTION);

    private final KeycloakSession session;
    private final MirrorProvider mirror;

    MirrorEventListener(KeycloakSession session, MirrorProvider mirror) {
        this.session = session;
        this.mirror = mirror;
    }

    @Override
    public void onEvent(Event event) {
        if (USER_CHANGES.contains(event.getType()) && event.getUserId() != null && !imported(event)) {
            sync(event.getRealmId(), event.getUserId());
        }
    }

    /** A user imported from the pool is linked already, and the import sent what the pool lacked. */
    private static boolean imported(Event event) {
        return event.getType() == EventType.REGISTER && event.getDetails() != null
                && MirroredUsers.IMPORTED_REGISTER_METHOD.equals(event.getDetails().get(Details.REGISTER_METHOD));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.USER || !ADMIN_CHANGES.contains(event.getOperationType())
                || event.getResourcePath() == null) {
            return;
        }
        // "users/{id}" and its sub-resources ("users/{id}/reset-password" ...): the user is the second segment.
        String[] path = event.getResourcePath().split("/");
        if (path.length >= 2 && path[0].equals("users")) {
            sync(event.getRealmId(), path[1]);
        }
    }

    private void sync(String realmId, String userId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || !mirror.available() || !RealmSettingsStore.readOrDefaults(realm).mirror().enabled()) {
            return;
        }
        // Profile and admin changes prove nothing about the address: they never adopt a pool user.
        mirror.syncAfterCommit(session, realmId, userId);
    }

    @Override
    public void close() {
    }
}

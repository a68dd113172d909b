package io.emailcode.keycloak.spi.mirror;

import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Admin events the mirror raises on its own (a scheduled run, a conflict found off the request thread): no
 * administrator is behind them, so they name only the realm, and go to the realm's event store and listeners as
 * Keycloak's own admin events do.
 */
final class SystemAdminEvents {

    private SystemAdminEvents() {
    }

    static void send(KeycloakSession session, RealmModel realm, String resource, String path, String representation,
                     Map<String, String> details) {
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(Time.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.ACTION);
        event.setResourceTypeAsString(resource);
        event.setResourcePath(path);
        event.setRepresentation(representation);
        event.setDetails(details);
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            session.getProvider(EventStoreProvider.class).onEvent(event, withRepresentation);
        }
        realm.getEventsListenersStream().forEach(id -> {
            EventListenerProvider listener = session.getProvider(EventListenerProvider.class, id);
            if (listener != null) {
                listener.onEvent(event, withRepresentation);
            }
        });
    }
}

package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.mirror.PendingMirror;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
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
    private final Clock clock;

    MirrorEventListener(KeycloakSession session, MirrorProvider mirror, Clock clock) {
        this.session = session;
        this.mirror = mirror;
        this.clock = clock;
    }

    @Override
    public void onEvent(Event event) {
        if (USER_CHANGES.contains(event.getType()) && event.getUserId() != null) {
            sync(event.getRealmId(), event.getUserId());
        }
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
        if (realm == null || !mirror.available() || !RealmMirrorLookup.of(realm).enabled()) {
            return;
        }
        mirror.mirrorAfterCommit(session, PendingMirror.sync(realmId, userId, clock.instant(), UUID.randomUUID().toString()));
    }

    @Override
    public void close() {
    }
}

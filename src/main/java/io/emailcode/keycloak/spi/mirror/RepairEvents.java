package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorSummary;
import java.io.IOException;
import java.util.LinkedHashMap;
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
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * What a reconciliation changed, as an admin event of the realm (resource type {@code EMAIL_CODE_MIRROR_REPAIR},
 * operation {@code ACTION}), with the counts as details. A scheduled run has no administrator behind it: its event
 * names only the realm, and goes to the realm's event store and listeners as Keycloak's own admin events do.
 */
public final class RepairEvents {

    public static final String RESOURCE = "EMAIL_CODE_MIRROR_REPAIR";
    static final String PATH = "email-code/cognito-mirror/repair";

    private RepairEvents() {
    }

    /** The event of a run an administrator asked for. */
    public static void requested(AdminEventBuilder event, String path, MirrorSummary summary, String trigger) {
        event.operation(OperationType.ACTION).resource(RESOURCE).resourcePath(path).representation(summary.asMap());
        details(summary, trigger).forEach(event::detail);
        event.success();
    }

    static void scheduledRunFinished(KeycloakSession session, RealmModel realm, MirrorSummary summary) {
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
        event.setResourceTypeAsString(RESOURCE);
        event.setResourcePath(PATH);
        event.setRepresentation(json(summary.asMap()));
        event.setDetails(details(summary, "schedule"));
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

    private static Map<String, String> details(MirrorSummary summary, String trigger) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("trigger", trigger);
        summary.asMap().forEach((bucket, count) -> details.put(bucket, Integer.toString(count)));
        return details;
    }

    private static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

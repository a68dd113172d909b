package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorSummary;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
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
        SystemAdminEvents.send(session, realm, RESOURCE, PATH, json(summary.asMap()), details(summary, "schedule"));
    }

    private static Map<String, String> details(MirrorSummary summary, String trigger) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("trigger", trigger);
        summary.asMap().forEach((bucket, count) -> details.put(bucket, Integer.toString(count)));
        return details;
    }

    static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

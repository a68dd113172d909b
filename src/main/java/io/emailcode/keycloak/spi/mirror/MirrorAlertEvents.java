package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorAlerts;
import io.emailcode.keycloak.mirror.MirrorChange;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What the mirror left alone on purpose, as an admin event of the realm (resource type {@code EMAIL_CODE_MIRROR_ALERT},
 * operation {@code ACTION}, path {@code users/<id>}), with the change ({@code conflict} or {@code dropped}) and the
 * reason as details: the administrator's list of pool users to look at. Raised off the request thread, in a
 * transaction of its own; a failure to raise it is logged and never fails the mirror.
 */
final class MirrorAlertEvents implements MirrorAlerts {

    static final String RESOURCE = "EMAIL_CODE_MIRROR_ALERT";
    private static final Logger LOG = Logger.getLogger(MirrorAlertEvents.class);

    private final KeycloakSessionFactory factory;

    MirrorAlertEvents(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void report(String realmId, String userId, MirrorChange change, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("change", change.name().toLowerCase(Locale.ROOT));
        details.put("reason", reason);
        details.put("user_id", userId);
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm != null) {
                    SystemAdminEvents.send(session, realm, RESOURCE, "users/" + userId, RepairEvents.json(details), details);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Cognito mirror of user %s: the %s could not be reported as an admin event: %s", userId,
                    details.get("change"), e.getClass().getSimpleName());
        }
    }
}

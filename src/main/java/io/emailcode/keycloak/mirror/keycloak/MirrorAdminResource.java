package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.RealmMirrorSettings;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/cognito-mirror/reconcile}: brings the whole pool in line with the realm,
 * page by page, and says what it did. Idempotent: a second run reports everything unchanged.
 * Only for administrators who may manage the realm's users.
 */
public final class MirrorAdminResource {

    private static final Logger LOG = Logger.getLogger(MirrorAdminResource.class);
    private static final int PAGE = 100;
    private static final int QUEUE_LIMIT = 10_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MirrorProvider mirror;

    MirrorAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MirrorProvider mirror) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.mirror = mirror;
    }

    @POST
    @Path("reconcile")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reconcile() {
        auth.users().requireManage();
        RealmMirrorSettings settings = RealmMirrorLookup.of(realm);
        if (!mirror.available() || !settings.enabled()) {
            return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", mirror.available() ? "mirroring is off in this realm" : "no user pool is configured on this server"))
                    .build();
        }
        MirrorSummary summary = new MirrorSummary();
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = session.users().searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE).toList();
            page.forEach(user -> syncOne(user, settings, summary));
            if (page.size() < PAGE) {
                break;
            }
        }
        // Then what only the queue knows: deletes of users Keycloak no longer has.
        MirrorSummary queued = mirror.reconciler().drainRealm(realm.getId(), QUEUE_LIMIT);
        Map<String, Integer> result = new java.util.LinkedHashMap<>(summary.asMap());
        queued.asMap().forEach((bucket, count) -> result.merge(bucket, count, Integer::sum));
        LOG.infof("Cognito mirror reconciliation of realm %s: %s", realm.getName(), result);
        return Response.ok(result).build();
    }

    private void syncOne(UserModel user, RealmMirrorSettings settings, MirrorSummary summary) {
        Optional<MirroredUser> desired = MirroredUsers.of(user, settings);
        if (desired.isEmpty()) {
            return;
        }
        try {
            MirrorResult result = mirror.syncNow(desired.get());
            if (!desired.get().sub().equals(Optional.of(result.sub()))) {
                user.setSingleAttribute(MirroredUsers.SUB_ATTRIBUTE, result.sub());
            }
            summary.record(result.change());
        } catch (MirrorException e) {
            LOG.warnf("Cognito mirror reconciliation: user %s failed: %s", user.getId(), e.getMessage());
            summary.failed();
        }
    }
}

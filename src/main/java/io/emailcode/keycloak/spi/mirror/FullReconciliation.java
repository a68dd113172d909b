package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Brings the whole pool in line with one realm, page by page, then retries what only the queue knows (deletes
 * of users Keycloak no longer has). Idempotent: a second run reports everything unchanged.
 */
public final class FullReconciliation {

    private static final Logger LOG = Logger.getLogger(FullReconciliation.class);
    private static final int PAGE = 100;
    private static final int QUEUE_LIMIT = 10_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final MirrorProvider mirror;

    public FullReconciliation(KeycloakSession session, RealmModel realm, MirrorProvider mirror) {
        this.session = session;
        this.realm = realm;
        this.mirror = mirror;
    }

    /** Why the realm cannot be reconciled, if it cannot. */
    public Optional<String> refusal() {
        if (!mirror.available()) {
            return Optional.of("no user pool is configured on this server");
        }
        if (!RealmSettingsStore.readOrDefaults(realm).mirror().enabled()) {
            return Optional.of("mirroring is off in this realm");
        }
        return Optional.empty();
    }

    /** Counts of what changed, in the buckets of {@link MirrorSummary}. */
    public Map<String, Integer> run() {
        MirrorSettings settings = RealmSettingsStore.readOrDefaults(realm).mirror();
        MirrorSummary summary = new MirrorSummary();
        for (int first = 0; ; first += PAGE) {
            List<UserModel> page = session.users().searchForUserStream(realm,
                    Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), first, PAGE).toList();
            page.forEach(user -> syncOne(user, settings, summary));
            if (page.size() < PAGE) {
                break;
            }
        }
        MirrorSummary queued = mirror.reconciler().drainRealm(realm.getId(), QUEUE_LIMIT);
        Map<String, Integer> result = new LinkedHashMap<>(summary.asMap());
        queued.asMap().forEach((bucket, count) -> result.merge(bucket, count, Integer::sum));
        LOG.infof("Cognito mirror reconciliation of realm %s: %s", realm.getName(), result);
        return result;
    }

    private void syncOne(UserModel user, MirrorSettings settings, MirrorSummary summary) {
        Optional<MirroredUser> desired = MirroredUsers.of(user, settings);
        if (desired.isEmpty()) {
            return;
        }
        try {
            // A reconciliation proves nothing about an address: it never adopts.
            MirrorResult result = mirror.syncNow(desired.get(), Adoption.NEVER);
            if (result.linked() && !desired.get().sub().equals(Optional.of(result.sub()))) {
                user.setSingleAttribute(MirroredUsers.SUB_ATTRIBUTE, result.sub());
            }
            summary.record(result.change());
        } catch (MirrorException e) {
            LOG.warnf("Cognito mirror reconciliation: user %s failed: %s", user.getId(), e.getMessage());
            summary.failed();
        }
    }
}

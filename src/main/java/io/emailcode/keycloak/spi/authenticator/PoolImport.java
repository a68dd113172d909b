package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.PoolDiff;
import io.emailcode.keycloak.mirror.PooledUser;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.mirror.MirroredUsers;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * Import on proof: right after a code proved an address that has no Keycloak account, the Keycloak user is created
 * from the one enabled pool user with that address that the proof covers (its email verified, the user confirmed),
 * taking the mirrored names, and linked to it; the pool user starts clean (its password replaced, its sessions
 * ended) before the link exists, with a {@code REGISTER} event whose method says it was imported. The pool is read again
 * here, so a pool user disabled or removed since the code was sent is not imported. What Keycloak now holds and the
 * pool lacks (e.g. the address verified) is mirrored after the commit.
 */
final class PoolImport {

    /** The outcome of an import. */
    enum Outcome { IMPORTED, NOTHING_TO_IMPORT, POOL_UNAVAILABLE }

    record Result(Outcome outcome, Optional<UserModel> user) {
    }

    private static final Logger LOG = Logger.getLogger(PoolImport.class);

    private final MirrorProvider mirror;
    private final MirrorSettings settings;
    private final String cacheKey;

    /** @param cacheKey the address's keyed hash, for this node's memory of addresses the pool lacks */
    PoolImport(MirrorProvider mirror, MirrorSettings settings, String cacheKey) {
        this.mirror = mirror;
        this.settings = settings;
        this.cacheKey = cacheKey;
    }

    boolean enabled() {
        return settings.importsOnProof() && mirror.available();
    }

    Result importUser(AuthenticationFlowContext context, Attempt attempt) {
        Optional<PooledUser> pooled;
        try {
            pooled = mirror.importable(attempt.realmId(), cacheKey, attempt.address(), settings.importOnProof().absenceCache());
            // Before the link exists: whoever set a password or holds a session on that pool user keeps neither.
            pooled.ifPresent(imported -> mirror.startClean(attempt.realmId(), imported));
        } catch (MirrorException e) {
            LOG.warnf("Import of %s in realm %s from the Cognito pool failed: %s", attempt.masked(), context.getRealm().getName(),
                    e.getMessage());
            return new Result(Outcome.POOL_UNAVAILABLE, Optional.empty());
        }
        if (pooled.isEmpty()) {
            return new Result(Outcome.NOTHING_TO_IMPORT, Optional.empty());
        }
        Optional<UserModel> created = NewAccounts.create(context, attempt, "Import");
        created.ifPresent(user -> fill(context, attempt, user, pooled.get()));
        return new Result(created.isPresent() ? Outcome.IMPORTED : Outcome.NOTHING_TO_IMPORT, created);
    }

    private void fill(AuthenticationFlowContext context, Attempt attempt, UserModel user, PooledUser pooled) {
        user.setEmailVerified(true);
        user.setEnabled(pooled.enabled());
        if (settings.attributes().contains("given_name") && !pooled.attribute("given_name").isBlank()) {
            user.setFirstName(pooled.attribute("given_name"));
        }
        if (settings.attributes().contains("family_name") && !pooled.attribute("family_name").isBlank()) {
            user.setLastName(pooled.attribute("family_name"));
        }
        user.setSingleAttribute(MirroredUsers.SUB_ATTRIBUTE, pooled.sub());
        context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.REGISTER_METHOD, MirroredUsers.IMPORTED_REGISTER_METHOD)
                .detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked())
                .success();
        LOG.infof("Imported user %s in realm %s from the Cognito pool after an email-code sign-in", user.getId(),
                context.getRealm().getName());
        // The pool user is linked already; only what it lacks (Keycloak's own "email verified") is sent.
        MirroredUsers.of(user, settings).filter(desired -> !PoolDiff.between(pooled, desired).none())
                .ifPresent(desired -> mirror.syncAfterCommit(context.getSession(), attempt.realmId(), user.getId()));
    }
}

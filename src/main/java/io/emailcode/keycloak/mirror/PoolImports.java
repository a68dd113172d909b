package io.emailcode.keycloak.mirror;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds the pool user an address without a Keycloak account may be imported from: exactly one pool user has the
 * address, it is enabled, and a proof of the address covers it ({@link ProofCoverage}: its email verified, the user
 * confirmed). None or a disabled one mean "nothing to import"; several, or one the proof does not cover (someone
 * signed up in the pool with the address), are a conflict left for the administrator: the person is then treated as
 * an address the pool lacks (registered, where the realm registers, never linked to that pool user). So is a pool
 * user another Keycloak user already holds a link to ({@link PoolLinks}), in this realm or another one sharing the
 * pool: it is never reset nor imported. Either is remembered on this node for a while. Log lines carry the realm,
 * never the address.
 */
public final class PoolImports {

    private static final Logger LOG = Logger.getLogger(PoolImports.class);
    static final String OPERATION = "import";
    private static final String FOUND = "found";
    private static final String CONFLICT = "conflict";

    private final PoolDirectory pool;
    private final PoolLinks links;
    private final PoolAbsenceCache absent;
    private final MirrorMetrics metrics;
    private final Clock clock;

    public PoolImports(PoolDirectory pool, PoolLinks links, PoolAbsenceCache absent, MirrorMetrics metrics, Clock clock) {
        this.pool = pool;
        this.links = links;
        this.absent = absent;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param cacheKey identifies the address in this node's memory (a keyed hash with the realm)
     * @param email    the normalised address
     * @throws MirrorException when the pool could not be read
     */
    public Optional<PooledUser> importable(String realmId, String cacheKey, String email, Duration absenceCache) {
        String key = realmId + "#" + cacheKey;
        if (absent.absent(key, absenceCache, clock.instant())) {
            metrics.outcome(OPERATION, "remembered_absent");
            return Optional.empty();
        }
        List<PooledUser> found = pool.withAddress(email);
        String outcome = outcome(found, email);
        if (outcome.equals(FOUND) && held(found.get(0))) {
            LOG.warnf("Realm %s: the Cognito user with an address typed at sign-in is linked to another Keycloak user; "
                    + "nothing is imported, left for an administrator", realmId);
            outcome = CONFLICT;
        }
        if (!outcome.equals(FOUND)) {
            if (!absenceCache.isZero()) {
                absent.rememberAbsent(key, clock.instant());
            }
            if (outcome.equals(CONFLICT)) {
                LOG.warnf("Realm %s: %s; nothing is imported, left for an administrator", realmId, found.size() > 1
                        ? "several Cognito users have an address typed at sign-in"
                        : "the Cognito user with an address typed at sign-in is not covered by a proof of it ("
                                + ProofCoverage.of(found.get(0), email).label() + ")");
            }
        }
        metrics.outcome(OPERATION, outcome);
        return outcome.equals(FOUND) ? Optional.of(found.get(0)) : Optional.empty();
    }

    private boolean held(PooledUser candidate) {
        try {
            return links.holder(candidate.sub()).isPresent();
        } catch (MirrorQueueException e) {
            throw new MirrorException("The links of the Cognito pool could not be read", true, e);
        }
    }

    private static String outcome(List<PooledUser> found, String email) {
        if (found.isEmpty()) {
            return "absent";
        }
        if (found.size() > 1) {
            return CONFLICT;
        }
        if (!found.get(0).enabled()) {
            return "disabled";
        }
        return ProofCoverage.of(found.get(0), email).covered() ? FOUND : CONFLICT;
    }
}

package io.emailcode.keycloak.mirror;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds the pool user an address without a Keycloak account may be imported from: exactly one pool user has the
 * address and it is enabled. None, a disabled one or several (a conflict, left for the administrator) all mean
 * "nothing to import", which this node remembers for a while. Log lines carry the realm, never the address.
 */
public final class PoolImports {

    private static final Logger LOG = Logger.getLogger(PoolImports.class);
    static final String OPERATION = "import";

    private final PoolDirectory pool;
    private final PoolAbsenceCache absent;
    private final MirrorMetrics metrics;
    private final Clock clock;

    public PoolImports(PoolDirectory pool, PoolAbsenceCache absent, MirrorMetrics metrics, Clock clock) {
        this.pool = pool;
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
        Optional<PooledUser> importable = found.size() == 1 && found.get(0).enabled() ? Optional.of(found.get(0)) : Optional.empty();
        if (importable.isEmpty()) {
            if (!absenceCache.isZero()) {
                absent.rememberAbsent(key, clock.instant());
            }
            String outcome = found.isEmpty() ? "absent" : found.size() > 1 ? "conflict" : "disabled";
            if (found.size() > 1) {
                LOG.warnf("Realm %s: several Cognito users have an address typed at sign-in; none is imported, left for "
                        + "an administrator", realmId);
            }
            metrics.outcome(OPERATION, outcome);
        } else {
            metrics.outcome(OPERATION, "found");
        }
        return importable;
    }
}

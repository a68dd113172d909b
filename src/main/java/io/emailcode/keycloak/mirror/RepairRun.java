package io.emailcode.keycloak.mirror;

import io.emailcode.keycloak.mirror.RepairProgress.Phase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * One full reconciliation of a realm, done a step at a time. First the pool pass lists the whole pool, 60 users a
 * call, and brings every pool user that a Keycloak user is linked to in line with it (no call when it already is);
 * then the Keycloak pass walks the realm's users and mirrors those the pool pass did not see: never linked (created,
 * or a conflict when the pool has the address), or linked to a pool user that is gone (recreated and linked again, or
 * a conflict). It never adopts a pool user. A run that another node took over lists the pool again, without
 * changing it, to know which subs exist, and goes on where the Keycloak pass stood.
 */
final class RepairRun {

    static final int KEYCLOAK_PAGE = 100;
    private static final Logger LOG = Logger.getLogger(RepairRun.class);
    private static final String OPERATION = "repair";

    private final String id;
    private final String realmId;
    private final RepairUsers users;
    private final UserPool pool;
    private final MirrorMetrics metrics;
    private final MirrorSummary summary;
    private final SeenSubs seen = new SeenSubs();
    private Phase phase;
    private int offset;
    private Optional<String> token = Optional.empty();
    private boolean listed;

    RepairRun(String id, String realmId, RepairUsers users, UserPool pool, MirrorMetrics metrics, Phase phase, int offset,
              Map<String, Integer> counts) {
        this.id = id;
        this.realmId = realmId;
        this.users = users;
        this.pool = pool;
        this.metrics = metrics;
        this.phase = phase == Phase.IDLE ? Phase.POOL : phase;
        this.offset = offset;
        this.summary = MirrorSummary.of(counts);
    }

    String id() {
        return id;
    }

    Phase phase() {
        return phase;
    }

    int offset() {
        return offset;
    }

    MirrorSummary summary() {
        return summary;
    }

    /**
     * One page of work; in the Keycloak pass it stops after the user during which {@code deadline} passed.
     *
     * @param nanos   the monotonic time, compared with {@code deadline}
     * @return false when the run is complete
     * @throws MirrorException when the pool could not be listed (the run stays where it was)
     */
    boolean step(LongSupplier nanos, long deadline) {
        if (!listed) {
            listPage();
            return true;
        }
        List<Optional<MirroredUser>> page = users.page(offset, KEYCLOAK_PAGE);
        for (Optional<MirroredUser> user : page) {
            user.ifPresent(this::mirrorUnseen);
            offset++;
            if (nanos.getAsLong() - deadline >= 0) {
                return true;
            }
        }
        return page.size() == KEYCLOAK_PAGE;
    }

    private void listPage() {
        PoolPage page = pool.page(token);
        List<PooledUser> listed = page.users().stream().filter(u -> !u.sub().isEmpty()).toList();
        listed.forEach(u -> seen.add(u.sub()));
        if (phase == Phase.POOL) {
            Map<String, MirroredUser> linked = users.linkedTo(listed.stream().map(PooledUser::sub).toList());
            for (PooledUser pooled : listed) {
                MirroredUser user = linked.get(pooled.sub());
                if (user == null) {
                    summary.unlinked();
                } else {
                    mirror(user, () -> pool.align(pooled, user));
                }
            }
        }
        token = page.next();
        if (token.isEmpty()) {
            this.listed = true;
            if (phase == Phase.POOL) {
                phase = Phase.KEYCLOAK;
                offset = 0;
            }
        }
    }

    private void mirrorUnseen(MirroredUser user) {
        if (user.sub().map(seen::contains).orElse(false)) {
            return; // brought in line by the pool pass
        }
        mirror(user, () -> pool.sync(user, Adoption.NEVER));
    }

    private void mirror(MirroredUser user, java.util.function.Supplier<MirrorResult> call) {
        try {
            MirrorResult result = call.get();
            if (result.linked() && !user.sub().equals(Optional.of(result.sub()))) {
                users.linkSub(user.userId(), result.sub());
            }
            summary.record(result.change());
            metrics.outcome(OPERATION, result.change().name().toLowerCase());
            if (result.change() == MirrorChange.CONFLICT) {
                LOG.warnf("Cognito drift repair of realm %s: user %s conflicts with pool users that may not be linked; "
                        + "left for an administrator", realmId, user.userId());
            }
        } catch (MirrorException e) {
            summary.failed();
            metrics.outcome(OPERATION, "failed");
            LOG.warnf("Cognito drift repair of realm %s: user %s failed: %s", realmId, user.userId(), e.getMessage());
        }
    }
}

package io.emailcode.keycloak.mirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A pool in memory keyed by Keycloak user id, with a switch for outages. */
final class FakeUserMirror implements UserMirror {

    final Map<String, MirroredUser> pool = new HashMap<>();
    final Map<String, String> subs = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<Adoption> adoptions = new ArrayList<>();
    boolean down;
    boolean permanentFailure;
    /** Answer every sync with a conflict, as a pool with unlinkable users at the address does. */
    boolean conflict;

    @Override
    public MirrorResult sync(MirroredUser user, Adoption adoption) {
        calls.add("sync " + user.userId());
        adoptions.add(adoption);
        fail();
        if (conflict) {
            return MirrorResult.conflict("unverified");
        }
        MirroredUser before = pool.put(user.userId(), user);
        String sub = subs.computeIfAbsent(user.userId(), id -> UUID.randomUUID().toString());
        if (before == null) {
            return new MirrorResult(sub, MirrorChange.CREATED);
        }
        if (before.enabled() && !user.enabled()) {
            return new MirrorResult(sub, MirrorChange.DISABLED);
        }
        return new MirrorResult(sub, sameState(before, user) ? MirrorChange.UNCHANGED : MirrorChange.UPDATED);
    }

    @Override
    public MirrorResult align(PooledUser current, MirroredUser desired) {
        return sync(desired, Adoption.NEVER);
    }

    @Override
    public MirrorChange delete(DeletedUser user) {
        calls.add("delete " + user.userId());
        fail();
        return pool.remove(user.userId()) == null ? MirrorChange.ALREADY_ABSENT : MirrorChange.DELETED;
    }

    private void fail() {
        if (down || permanentFailure) {
            throw new MirrorException("Cognito call failed: test", !permanentFailure, null);
        }
    }

    private static boolean sameState(MirroredUser a, MirroredUser b) {
        return a.email().equals(b.email()) && a.attributes().equals(b.attributes()) && a.enabled() == b.enabled();
    }
}

package io.emailcode.keycloak.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LinkedUserPoolTest {

    private final InMemoryPool pool = new InMemoryPool();
    private final InMemoryPoolLinks links = new InMemoryPoolLinks();
    private final UserPool realmA = new LinkedUserPool(pool, links, "realm-a");
    private final UserPool realmB = new LinkedUserPool(pool, links, "realm-b");

    @Test
    void aCreatedPoolUserIsLinkedToItsUserAndFollowsIt() {
        MirrorResult created = realmA.sync(user("victim", "victim@example.com", Optional.empty()), Adoption.NEVER);

        assertEquals(MirrorChange.CREATED, created.change());
        assertEquals(Optional.of(new LinkHolder("realm-a", "victim")), links.holder(created.sub()));
        MirrorResult updated = realmA.sync(user("victim", "new@example.com", Optional.of(created.sub())), Adoption.NEVER);
        assertEquals(MirrorChange.UPDATED, updated.change());
        assertEquals("new@example.com", pool.users.get(created.sub()).email());
    }

    @Test
    void anotherRealmsUserWithTheSubNeitherUpdatesNorDeletesThePoolUser() {
        String sub = realmA.sync(user("victim", "victim@example.com", Optional.empty()), Adoption.NEVER).sub();
        MirroredUser attacker = user("attacker", "attacker@example.com", Optional.of(sub));

        MirrorResult synced = realmB.sync(attacker, Adoption.NEVER);
        MirrorResult aligned = realmB.align(pool.users.get(sub), attacker);
        MirrorChange deleted = realmB.delete(new DeletedUser("attacker", Optional.of(sub)));

        assertEquals(MirrorResult.conflict(LinkedUserPool.LINKED_ELSEWHERE), synced);
        assertEquals(MirrorResult.conflict(LinkedUserPool.LINKED_ELSEWHERE), aligned);
        assertEquals(MirrorChange.CONFLICT, deleted);
        assertEquals("victim@example.com", pool.users.get(sub).email());
        assertEquals(Optional.of(new LinkHolder("realm-a", "victim")), links.holder(sub));
    }

    @Test
    void theSameUserIdInAnotherRealmDoesNotHoldTheLink() {
        String sub = realmA.sync(user("same-id", "victim@example.com", Optional.empty()), Adoption.NEVER).sub();

        MirrorChange deleted = realmB.delete(new DeletedUser("same-id", Optional.of(sub)));

        assertEquals(MirrorChange.CONFLICT, deleted);
        assertTrue(pool.users.containsKey(sub));
    }

    @Test
    void aSecondUserOfTheSameRealmCannotHoldTheSub() {
        String sub = realmA.sync(user("victim", "victim@example.com", Optional.empty()), Adoption.NEVER).sub();

        MirrorResult synced = realmA.sync(user("other", "victim@example.com", Optional.of(sub)), Adoption.NEVER);

        assertEquals(MirrorChange.CONFLICT, synced.change());
        assertEquals(1, pool.syncs);
    }

    @Test
    void theHoldersDeleteRemovesThePoolUserAndReleasesTheLink() {
        String sub = realmA.sync(user("victim", "victim@example.com", Optional.empty()), Adoption.NEVER).sub();

        MirrorChange deleted = realmA.delete(new DeletedUser("victim", Optional.of(sub)));

        assertEquals(MirrorChange.DELETED, deleted);
        assertFalse(pool.users.containsKey(sub));
        assertTrue(links.holder(sub).isEmpty());
    }

    @Test
    void anUnlinkedSubIsAdoptedOnceWhenThePoolUsersEmailIsTheAccountsAndBothAreVerified() {
        String sub = pool.add("victim@example.com", true);

        MirrorResult synced = realmA.sync(user("victim", "victim@example.com", Optional.of(sub)), Adoption.NEVER);

        assertEquals(MirrorChange.UPDATED, synced.change());
        assertEquals(Optional.of(new LinkHolder("realm-a", "victim")), links.holder(sub));
        assertEquals(MirrorChange.CONFLICT,
                realmB.sync(user("other", "victim@example.com", Optional.of(sub)), Adoption.NEVER).change());
    }

    @Test
    void anUnlinkedSubWhosePoolUserHasAnotherAddressIsAConflict() {
        String sub = pool.add("victim@example.com", true);

        MirrorResult synced = realmA.sync(user("attacker", "attacker@example.com", Optional.of(sub)), Adoption.NEVER);

        assertEquals(MirrorResult.conflict(LinkedUserPool.UNPROVED_LINK), synced);
        assertTrue(links.holder(sub).isEmpty());
        assertEquals(0, pool.syncs);
    }

    @Test
    void anUnlinkedSubIsNotAdoptedWhenThePoolUsersEmailIsUnverified() {
        String sub = pool.add("victim@example.com", false);

        MirrorResult synced = realmA.sync(user("victim", "victim@example.com", Optional.of(sub)), Adoption.NEVER);

        assertEquals(MirrorResult.conflict(LinkedUserPool.UNPROVED_LINK), synced);
    }

    @Test
    void anUnlinkedSubIsNotAdoptedForAnAccountWhoseAddressIsUnverified() {
        String sub = pool.add("victim@example.com", true);
        MirroredUser unverified = new MirroredUser("victim", "victim", "victim@example.com", false, Map.of(), true,
                Optional.of(sub));

        assertEquals(MirrorResult.conflict(LinkedUserPool.UNPROVED_LINK), realmA.sync(unverified, Adoption.NEVER));
    }

    @Test
    void anUnlinkedSubIsNeverDeleted() {
        String sub = pool.add("victim@example.com", true);

        assertEquals(MirrorChange.CONFLICT, realmA.delete(new DeletedUser("attacker", Optional.of(sub))));
        assertTrue(pool.users.containsKey(sub));
    }

    @Test
    void aProofDoesNotAdoptAPoolUserAnotherUserHolds() {
        realmA.sync(user("victim", "victim@example.com", Optional.empty()), Adoption.NEVER);

        MirrorResult synced = realmB.sync(user("prover", "victim@example.com", Optional.empty()), Adoption.ON_PROOF);

        assertEquals(MirrorResult.conflict(LinkedUserPool.LINKED_ELSEWHERE), synced);
        assertEquals(1, pool.syncs);
    }

    @Test
    void aProofAdoptsAPoolUserNobodyHoldsAndLinksIt() {
        String sub = pool.add("prover@example.com", true);

        MirrorResult synced = realmB.sync(user("prover", "prover@example.com", Optional.empty()), Adoption.ON_PROOF);

        assertEquals(new MirrorResult(sub, MirrorChange.ADOPTED), synced);
        assertEquals(Optional.of(new LinkHolder("realm-b", "prover")), links.holder(sub));
    }

    private static MirroredUser user(String id, String email, Optional<String> sub) {
        return new MirroredUser(id, id, email, true, Map.of(), true, sub);
    }

    /** A pool keyed by sub: a sync updates the user with the sub, or creates one. */
    private static final class InMemoryPool implements UserPool {

        final Map<String, PooledUser> users = new HashMap<>();
        int syncs;

        String add(String email, boolean verified) {
            String sub = UUID.randomUUID().toString();
            users.put(sub, pooled(sub, email, verified));
            return sub;
        }

        @Override
        public MirrorResult sync(MirroredUser user, Adoption adoption) {
            syncs++;
            String sub = user.sub().filter(users::containsKey).orElseGet(() -> UUID.randomUUID().toString());
            MirrorChange change = users.containsKey(sub) ? MirrorChange.UPDATED : MirrorChange.CREATED;
            users.put(sub, pooled(sub, user.email(), user.emailVerified()));
            return new MirrorResult(sub, change);
        }

        /** Adopts the one pool user with the address (as after a proof) when it is adoptable, else creates one. */
        @Override
        public MirrorResult sync(MirroredUser user, Adoption adoption, Predicate<String> adoptable, String why) {
            List<PooledUser> found = user.sub().isPresent() ? List.of() : withAddress(user.email());
            if (adoption == Adoption.ON_PROOF && found.size() == 1) {
                if (!adoptable.test(found.get(0).sub())) {
                    return MirrorResult.conflict(why);
                }
                syncs++;
                return new MirrorResult(found.get(0).sub(), MirrorChange.ADOPTED);
            }
            return sync(user, adoption);
        }

        @Override
        public MirrorResult align(PooledUser current, MirroredUser desired) {
            return sync(desired, Adoption.NEVER);
        }

        @Override
        public MirrorChange delete(DeletedUser user) {
            return users.remove(user.sub().orElseThrow()) == null ? MirrorChange.ALREADY_ABSENT : MirrorChange.DELETED;
        }

        @Override
        public PoolPage page(Optional<String> token) {
            return new PoolPage(new ArrayList<>(users.values()), Optional.empty());
        }

        @Override
        public List<PooledUser> withAddress(String email) {
            return users.values().stream().filter(u -> u.email().equals(email)).toList();
        }

        @Override
        public UserPool paced(CallPace pace) {
            return this;
        }

        @Override
        public void startClean(PooledUser imported) {
        }

        private static PooledUser pooled(String sub, String email, boolean verified) {
            return new PooledUser(sub, Map.of("sub", sub, "email", email, "email_verified", Boolean.toString(verified)),
                    true, "CONFIRMED");
        }
    }
}

package io.emailcode.keycloak.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.MutableClock;
import io.emailcode.keycloak.system.fixture.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MirrorRetryQueueTest {

    private static final String REALM = "realm-1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryMirrorQueue queue = new InMemoryMirrorQueue();
    private final FakeUserMirror pool = new FakeUserMirror();
    private final FakeUserSource users = new FakeUserSource();
    private final List<Alert> alerts = new java.util.ArrayList<>();
    private final MirrorRetryQueue retryQueue = reconcilerOver(pool);

    private record Alert(String realmId, String userId, MirrorChange change, String reason) {
    }

    @Test
    void aSuccessfulChangeLinksTheSubAndLeavesNothingPending() {
        users.put("u1", "a@example.com", "Ann", true);
        assertEquals(Optional.of(MirrorChange.CREATED), retryQueue.changeNow(sync("u1")));
        assertEquals(Optional.of(pool.subs.get("u1")), users.users.get("u1").sub());
        assertTrue(queue.all().isEmpty());
    }

    @Test
    void aFailedChangeStaysQueuedAndIsRetriedOnceDue() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.down = true;
        assertEquals(Optional.empty(), retryQueue.changeNow(sync("u1")));
        PendingMirror queued = queue.all().get(0);
        assertEquals(1, queued.attempts());
        assertTrue(queued.nextAttemptAt().isAfter(clock.instant()));

        pool.down = false;
        assertEquals(0, retryQueue.drain(100).total(), "not due yet");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Map.of("created", 1), nonZero(retryQueue.drain(100)));
        assertTrue(queue.all().isEmpty());
        assertEquals("a@example.com", pool.pool.get("u1").email());
    }

    @Test
    void retriesMirrorTheLatestStateNotTheStateAtFailureTime() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.down = true;
        retryQueue.changeNow(sync("u1"));
        users.put("u1", "new@example.com", "Anne", false);
        retryQueue.changeNow(sync("u1"));
        assertEquals(1, queue.all().size(), "one pending item per user");

        pool.down = false;
        clock.advance(Duration.ofMinutes(5));
        retryQueue.drain(100);
        MirroredUser mirrored = pool.pool.get("u1");
        assertEquals("new@example.com", mirrored.email());
        assertEquals("Anne", mirrored.attributes().get("given_name"));
        assertFalse(mirrored.enabled());
    }

    @Test
    void aDeleteSurvivesTheKeycloakUserAndIsNotReplacedByALateSync() {
        users.put("u1", "a@example.com", "Ann", true);
        retryQueue.changeNow(sync("u1"));
        pool.down = true;
        users.users.remove("u1");
        retryQueue.changeNow(PendingMirror.delete(REALM, new DeletedUser("u1", Optional.empty()),
                clock.instant(), UUID.randomUUID().toString()));
        retryQueue.changeNow(sync("u1"));
        assertEquals(PendingMirror.Kind.DELETE, queue.all().get(0).kind());

        pool.down = false;
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Map.of("deleted", 1), nonZero(retryQueue.drain(100)));
        assertTrue(pool.pool.isEmpty());
    }

    @Test
    void eachFailureWaitsLongerThanTheOneBefore() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.down = true;
        retryQueue.changeNow(sync("u1"));
        Duration first = Duration.between(clock.instant(), queue.all().get(0).nextAttemptAt());
        clock.advance(first);
        retryQueue.drain(100);
        Duration second = Duration.between(clock.instant(), queue.all().get(0).nextAttemptAt());
        assertEquals(2, queue.all().get(0).attempts());
        assertTrue(second.compareTo(first) > 0, first + " then " + second);
        assertTrue(queue.lastErrors.values().iterator().next().contains("Cognito"));
    }

    @Test
    void aPermanentFailureIsKeptAndCountedAsFailedNotDropped() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.permanentFailure = true;
        retryQueue.changeNow(sync("u1"));
        clock.advance(Duration.ofHours(1));
        assertEquals(1, retryQueue.drain(100).failures());
        assertEquals(1, queue.all().size());
    }

    @Test
    void whenTheQueueIsDownTheChangeIsStillTriedOnce() {
        users.put("u1", "a@example.com", "Ann", true);
        queue.down = true;
        assertEquals(Optional.of(MirrorChange.CREATED), retryQueue.changeNow(sync("u1")));
        assertTrue(pool.pool.containsKey("u1"));
    }

    @Test
    void aRequestedDriftRepairOfARealmTakesItsItemsBeforeTheyAreDue() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.down = true;
        retryQueue.changeNow(sync("u1"));
        pool.down = false;
        assertEquals(Map.of("created", 1), nonZero(retryQueue.drainRealm(REALM, 100)));
        assertEquals(0, retryQueue.countPending());
    }

    private MirrorRetryQueue reconcilerOver(UserMirror mirror) {
        return new MirrorRetryQueue(queue, realmId -> mirror, users,
                new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), () -> 0.0), clock, MirrorMetrics.NONE,
                Duration.ofMinutes(1), (realm, user, change, reason) -> alerts.add(new Alert(realm, user, change, reason)));
    }

    private PendingMirror sync(String userId) {
        return PendingMirror.sync(REALM, userId, clock.instant(), UUID.randomUUID().toString());
    }

    /** The sync a sign-in queues right after the person proved the account's current address. */
    private PendingMirror signInSync(String userId) {
        return PendingMirror.afterProof(REALM, userId, clock.instant(), UUID.randomUUID().toString(),
                users.current(REALM, userId).orElseThrow().email());
    }

    @Test
    void aChangeQueuedRightAfterAProofMayAdoptAndKeepsThatThroughRetries() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.down = true;
        retryQueue.changeNow(PendingMirror.afterProof(REALM, "u1", clock.instant(), "v1", "a@example.com"));
        pool.down = false;
        clock.advance(Duration.ofHours(1));
        retryQueue.drain(100);
        assertEquals(List.of(Adoption.ON_PROOF, Adoption.ON_PROOF), pool.adoptions);
    }

    @Test
    void aChangeMadeOnAProofIsDroppedOnceTheAccountHasAnotherAddress() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.down = true;
        retryQueue.changeNow(signInSync("u1"));
        users.put("u1", "b@example.com", "Ann", true);
        pool.down = false;
        clock.advance(Duration.ofHours(1));

        assertEquals(Map.of("unchanged", 1), nonZero(retryQueue.drain(100)));
        assertEquals(List.of("sync u1"), pool.calls, "only the attempt made while the address was the proved one");
        assertEquals(List.of(new Alert(REALM, "u1", MirrorChange.DROPPED, "proved_address_changed")), alerts);
        assertTrue(queue.all().isEmpty(), "dropped, not retried");
        assertEquals(Optional.empty(), users.current(REALM, "u1").orElseThrow().sub());
    }

    @Test
    void aChangeOnAProofQueuedWithoutTheProvedAddressNeverAdopts() {
        users.put("u1", "a@example.com", "Ann", true);
        queue.put(new PendingMirror(REALM, "u1", PendingMirror.Kind.SYNC, Optional.empty(), 0, clock.instant(), "v1",
                Adoption.ON_PROOF, Optional.empty()));
        retryQueue.drain(100);
        assertEquals(List.of(Adoption.NEVER), pool.adoptions);
    }

    @Test
    void aSignInSyncThatSucceedsWritesNothingToTheQueue() {
        users.put("u1", "a@example.com", "Ann", true);
        assertEquals(Optional.of(MirrorChange.CREATED), retryQueue.changeNow(signInSync("u1")));
        assertEquals(Optional.of(pool.subs.get("u1")), users.users.get("u1").sub());
        assertEquals(0, queue.writes, "the next sign-in of an unlinked person repeats it; no record is needed");
    }

    @Test
    void otherChangesAreRecordedBeforeThePoolIsCalled() {
        users.put("u1", "a@example.com", "Ann", true);
        retryQueue.changeNow(sync("u1"));
        assertEquals(2, queue.writes, "recorded, then removed once the pool agrees");
    }

    @Test
    void aSignInSyncWhoseLinkFailsIsQueuedForRetryAndLinksLater() {
        users.put("u1", "a@example.com", "Ann", true);
        users.linkFails = true;
        assertEquals(Optional.empty(), retryQueue.changeNow(signInSync("u1")));
        PendingMirror queued = queue.all().get(0);
        assertEquals(1, queued.attempts());
        assertEquals(Adoption.ON_PROOF, queued.adoption());

        users.linkFails = false;
        clock.advance(Duration.ofHours(1));
        retryQueue.drain(100);
        assertEquals(Optional.of(pool.subs.get("u1")), users.users.get("u1").sub());
        assertTrue(queue.all().isEmpty());
    }

    @Test
    void aConflictIsNotRetriedAndNotLinked() {
        users.put("u1", "a@example.com", "Ann", true);
        pool.conflict = true;
        assertEquals(Optional.of(MirrorChange.CONFLICT), retryQueue.changeNow(sync("u1")));
        assertEquals(Optional.empty(), users.current(REALM, "u1").get().sub());
        assertEquals(0, retryQueue.countPending(), "left for an administrator, not retried forever");
        assertEquals(List.of(new Alert(REALM, "u1", MirrorChange.CONFLICT, "unverified")), alerts, "reported to them");
    }

    @Test
    void aProfileChangeRightAfterTheFirstSignInWaitsForItsCreationInsteadOfSeeingAConflict() throws Exception {
        users.put("u1", "a@example.com", "Ann", true);
        CreatingPool slowPool = new CreatingPool();
        MirrorRetryQueue racing = reconcilerOver(slowPool);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<MirrorChange>> creation = threads.submit(() -> racing.changeNow(signInSync("u1")));
            assertTrue(slowPool.creating.await(5, TimeUnit.SECONDS), "the creation started");
            Future<Optional<MirrorChange>> profile = threads.submit(() -> racing.changeNow(sync("u1")));

            assertEquals(Optional.of(MirrorChange.CREATED), creation.get(5, TimeUnit.SECONDS));
            assertEquals(Optional.of(MirrorChange.UPDATED), profile.get(5, TimeUnit.SECONDS),
                    "the second change found the user linked by the first");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A pool that behaves as Cognito does for one address: an unlinked user meets the pool user with its address as a
     * stranger's unless it may adopt it; the creation is slow enough that a second change arrives meanwhile.
     */
    private static final class CreatingPool implements UserMirror {

        final CountDownLatch creating = new CountDownLatch(1);
        private final Set<String> addresses = ConcurrentHashMap.newKeySet();

        @Override
        public MirrorResult sync(MirroredUser user, Adoption adoption) {
            if (user.sub().isPresent()) {
                return new MirrorResult(user.sub().get(), MirrorChange.UPDATED);
            }
            if (!addresses.add(user.email())) {
                return adoption == Adoption.ON_PROOF ? new MirrorResult("sub-" + user.userId(), MirrorChange.ADOPTED)
                        : MirrorResult.conflict("several");
            }
            creating.countDown();
            Await.pause(Duration.ofMillis(300));
            return new MirrorResult("sub-" + user.userId(), MirrorChange.CREATED);
        }

        @Override
        public MirrorResult align(PooledUser current, MirroredUser desired) {
            return sync(desired, Adoption.NEVER);
        }

        @Override
        public MirrorChange delete(DeletedUser user) {
            return MirrorChange.DELETED;
        }
    }

    private static Map<String, Integer> nonZero(MirrorSummary summary) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>(summary.asMap());
        map.values().removeIf(v -> v == 0);
        return map;
    }
}

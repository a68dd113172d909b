package io.emailcode.keycloak.aws.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.MutableClock;
import io.emailcode.keycloak.mirror.DriftRepair;
import io.emailcode.keycloak.mirror.FakeTicker;
import io.emailcode.keycloak.mirror.InMemoryRepairProgress;
import io.emailcode.keycloak.mirror.InMemoryRepairUsers;
import io.emailcode.keycloak.mirror.MirrorMetrics;
import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.mirror.MirroredUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The drift repair with the real Cognito adapter against a pool that pages and matches addresses as AWS does (the
 * emulator returns every user in one page): what a full reconciliation costs in calls, that it keeps to the realm's
 * calls per second, what it repairs and what it leaves to the administrator, and a scheduled run that survives a
 * restart.
 */
class DriftRepairAgainstAnAwsLikePoolTest {

    private static final String REALM = "realm-1";
    private static final Duration TAKEOVER = Duration.ofMinutes(5);
    private static final int CALLS_PER_SECOND = 5;

    private final FakeTicker ticker = new FakeTicker();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AwsLikeCognitoClient cognito = new AwsLikeCognitoClient(ticker);
    private final CognitoUserMirror pool = new CognitoUserMirror(cognito, "eu-west-1_test");
    private final InMemoryRepairUsers users = new InMemoryRepairUsers();
    private final InMemoryRepairProgress progress = new InMemoryRepairProgress();
    private final DriftRepair repair = repairOnANode();

    @Test
    void aThousandUsersInLineCostSeventeenListingCallsAndNoOther() {
        for (int i = 0; i < 1_000; i++) {
            linkedUserInLine("user-" + i, "user" + i + "@example.com");
        }
        MirrorSummary summary = repair.runNow(REALM, users, 5);
        System.out.println("Full reconciliation of 1,000 users in line, AWS page size " + AwsLikeCognitoClient.AWS_PAGE
                + ": Cognito calls " + cognito.counts() + ", " + summary);
        assertEquals(Map.of("ListUsers", 17), cognito.counts(), "ceil(1000 / 60) pages, and nothing to change");
        assertEquals(1_000, summary.asMap().get("unchanged"));
        assertEquals(0, summary.total() - 1_000);
    }

    @Test
    void everyCallKeepsToTheRealmsCallsPerSecond() {
        for (int i = 0; i < 100; i++) {
            users.add("new-" + i, "new" + i + "@example.com", "New", true, Optional.empty());
        }
        repair.runNow(REALM, users, 5);
        List<AwsLikeCognitoClient.Call> calls = cognito.calls();
        assertEquals(201, calls.size(), "one listing, then a lookup and a creation per user: " + cognito.counts());
        for (int i = 0; i < calls.size(); i++) {
            long windowStart = calls.get(i).nanos();
            long inWindow = calls.stream().filter(c -> c.nanos() >= windowStart && c.nanos() < windowStart + 1_000_000_000L).count();
            assertTrue(inWindow <= 5, inWindow + " calls within one second from call " + i);
        }
        long elapsed = calls.get(calls.size() - 1).nanos() - calls.get(0).nanos();
        assertTrue(elapsed >= Duration.ofSeconds(40).toNanos(), "200 more calls at 5 a second take 40 s, took " + elapsed);
    }

    @Test
    void deletedAndEditedPoolUsersAreRepairedAndNothingIsAdopted() {
        MirroredUser deleted = linkedUserInLine("deleted", "deleted@example.com");
        linkedUserInLine("renamed", "renamed@example.com");
        linkedUserInLine("disabled", "disabled@example.com");
        linkedUserInLine("moved", "moved@example.com");
        MirroredUser squatted = linkedUserInLine("squatted", "squatted@example.com");
        users.add("unlinked", "legacy@example.com", "Leg", true, Optional.empty());
        cognito.put("legacy-1", Map.of("email", "legacy@example.com", "email_verified", "true"), true);
        cognito.put("pool-only", Map.of("email", "pool-only@example.com", "email_verified", "true"), true);
        // Drift, made directly in the pool:
        cognito.remove("deleted@example.com");
        repairEdit("renamed@example.com", Map.of("given_name", "Changed", "email_verified", "false"));
        cognitoDisable("disabled@example.com");
        repairEdit("moved@example.com", Map.of("email", "elsewhere@example.com"));
        cognito.remove("squatted@example.com");
        cognito.put("squatter", Map.of("email", "squatted@example.com", "email_verified", "true"), true);

        Map<String, Integer> first = nonZero(repair.runNow(REALM, users, 50));
        assertEquals(Map.of("recreated", 1, "updated", 3, "conflicts", 2, "unlinked", 3), first);
        String newSub = users.get("deleted").sub().orElseThrow();
        assertNotEquals(deleted.sub().orElseThrow(), newSub, "recreated and linked again");
        assertEquals(newSub, cognito.attributes("deleted@example.com").get("sub"));
        assertEquals("Ann", cognito.attributes("renamed@example.com").get("given_name"));
        assertEquals("true", cognito.attributes("renamed@example.com").get("email_verified"));
        assertTrue(cognito.enabled("disabled@example.com"));
        assertEquals("moved@example.com", cognito.attributes("moved@example.com").get("email"));
        assertEquals(squatted.sub(), users.get("squatted").sub(), "never linked to the pool user that took the address");
        assertEquals(Optional.empty(), users.get("unlinked").sub(), "an unlinked pool user with the address is not adopted");
        assertTrue(cognito.has("pool-only") && cognito.has("legacy-1") && cognito.has("squatter"), "nothing of the pool deleted");

        Map<String, Integer> second = nonZero(repair.runNow(REALM, users, 50));
        assertEquals(Map.of("unchanged", 4, "conflicts", 2, "unlinked", 3), second, "a second run finds only what is left to an admin");
    }

    @Test
    void aChangeWhosePoolUserIsGoneRecreatesIt() {
        MirroredUser user = linkedUserInLine("u1", "u1@example.com");
        MirroredUser changed = new MirroredUser(user.userId(), user.username(), user.email(), true,
                Map.of("given_name", "Renamed"), true, user.sub());
        cognito.deleteBeforeNextUpdate = true;
        var result = pool.sync(changed, io.emailcode.keycloak.mirror.Adoption.NEVER);
        assertEquals(io.emailcode.keycloak.mirror.MirrorChange.RECREATED, result.change());
        assertEquals("Renamed", cognito.attributes("u1@example.com").get("given_name"));
        assertNotEquals(user.sub().orElseThrow(), result.sub());
    }

    @Test
    void aRunAskedForGoesOnAfterARestartFromItsSavedProgress() {
        for (int i = 0; i < 60; i++) {
            users.add("new-" + i, "new" + i + "@example.com", "New", true, Optional.empty());
        }
        Duration slice = Duration.ofSeconds(2);
        assertEquals(DriftRepair.State.NOT_DUE, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state(), "first seen: idle");
        clock.advance(Duration.ofDays(30));
        assertEquals(DriftRepair.State.NOT_DUE, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state(),
                "no run until one is asked for, however long");
        assertTrue(repair.request(REALM), "the provider's Periodic full sync (or Sync all users) asks for one");
        assertEquals(DriftRepair.State.WORKING, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state());
        repair.slice(REALM, users, CALLS_PER_SECOND, slice);
        int done = progress.load(REALM).orElseThrow().offset();
        assertTrue(done > 0 && done < 60, "part of the Keycloak pass is done: " + done);

        DriftRepair restarted = repairOnANode();
        assertEquals(DriftRepair.State.OTHER_NODE, restarted.slice(REALM, users, CALLS_PER_SECOND, slice).state(),
                "the run's node may still be alive");
        clock.advance(TAKEOVER);
        DriftRepair.Slice last;
        int slices = 0;
        do {
            last = restarted.slice(REALM, users, CALLS_PER_SECOND, slice);
            assertTrue(++slices < 100, "the run finishes");
        } while (last.state() == DriftRepair.State.WORKING);
        assertEquals(DriftRepair.State.FINISHED, last.state());
        assertEquals(60, last.finished().orElseThrow().asMap().get("created"), "counts survive the restart");
        assertEquals(60, cognito.counts().get("AdminCreateUser"), "nobody done before the restart was done again");
        users.all().forEach(u -> assertTrue(u.sub().isPresent(), u.userId() + " linked"));
        assertEquals(DriftRepair.State.NOT_DUE, restarted.slice(REALM, users, CALLS_PER_SECOND, slice).state(),
                "none until asked again");
    }

    @Test
    void aRequestedRunStartsAtTheNextSliceOfAnyNodeAndNeverTwiceAtOnce() {
        for (int i = 0; i < 60; i++) {
            users.add("new-" + i, "new" + i + "@example.com", "New", true, Optional.empty());
        }
        Duration slice = Duration.ofSeconds(2);
        assertEquals(DriftRepair.State.NOT_DUE, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state(), "not asked");
        assertTrue(repair.request(REALM), "an administrator's request starts a run");
        assertEquals(0, cognito.calls().size(), "the request itself calls nothing");
        assertFalse(repair.request(REALM), "a second request while it runs starts nothing");

        DriftRepair otherNode = repairOnANode();
        assertEquals(DriftRepair.State.WORKING, otherNode.slice(REALM, users, CALLS_PER_SECOND, slice).state(),
                "the next slice takes the requested run, on whichever node");
        assertEquals(DriftRepair.State.OTHER_NODE, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state(), "and only that node");
        DriftRepair.Slice last;
        int slices = 0;
        do {
            last = otherNode.slice(REALM, users, CALLS_PER_SECOND, slice);
            assertTrue(++slices < 100, "the run finishes");
        } while (last.state() == DriftRepair.State.WORKING);
        assertEquals(60, progress.load(REALM).orElseThrow().lastCounts().get("created"), "the last run's counts");
        assertEquals(DriftRepair.State.NOT_DUE, otherNode.slice(REALM, users, CALLS_PER_SECOND, slice).state(), "none until asked again");
    }

    @Test
    void aRunAskedForOnANodeThatStoppedBeforeTakingItIsTakenAtTheNextRequestOnAnotherNode() {
        users.add("new-1", "new1@example.com", "New", true, Optional.empty());
        Duration slice = Duration.ofSeconds(2);
        DriftRepair otherNode = repairOnANode();
        assertEquals(DriftRepair.State.NOT_DUE, otherNode.slice(REALM, users, CALLS_PER_SECOND, slice).state(), "seen idle");
        assertTrue(repair.request(REALM), "asked for on a node that then stops before its next slice");
        assertEquals(DriftRepair.State.NOT_DUE, otherNode.slice(REALM, users, CALLS_PER_SECOND, slice).state(),
                "the other node remembers the realm idle and reads nothing");
        assertFalse(otherNode.request(REALM), "the next request (a period or a press) finds the run pending");
        assertEquals(DriftRepair.State.FINISHED, otherNode.slice(REALM, users, CALLS_PER_SECOND, slice).state(),
                "and that node takes it at its next slice");
        assertEquals(1, progress.load(REALM).orElseThrow().lastCounts().get("created"));
    }

    @Test
    void anIdleRealmCostsNoStoreCallBetweenItsRunsUntilOneIsAskedFor() {
        users.add("new-1", "new1@example.com", "New", true, Optional.empty());
        Duration slice = Duration.ofSeconds(2);
        repair.slice(REALM, users, CALLS_PER_SECOND, slice);
        int loads = progress.loads;
        int saves = progress.saves;
        for (int tick = 0; tick < 100; tick++) {
            clock.advance(Duration.ofMinutes(10));
            assertEquals(DriftRepair.State.NOT_DUE, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state());
        }
        assertEquals(loads, progress.loads, "nothing read before a run is asked for");
        assertEquals(saves, progress.saves, "nothing written");

        assertTrue(repair.request(REALM));
        DriftRepair.Slice ran = repair.slice(REALM, users, CALLS_PER_SECOND, slice);
        assertNotEquals(DriftRepair.State.NOT_DUE, ran.state(), "a request is read at once");
        for (int slices = 0; ran.state() == DriftRepair.State.WORKING; slices++) {
            assertTrue(slices < 100, "the run finishes");
            ran = repair.slice(REALM, users, CALLS_PER_SECOND, slice);
        }
        assertEquals(DriftRepair.State.FINISHED, ran.state());
        loads = progress.loads;
        assertEquals(DriftRepair.State.NOT_DUE, repair.slice(REALM, users, CALLS_PER_SECOND, slice).state());
        assertEquals(loads, progress.loads, "the finished run is remembered");
    }

    private DriftRepair repairOnANode() {
        return new DriftRepair(realmId -> pool, progress, MirrorMetrics.NONE, clock, ticker, TAKEOVER);
    }

    /** A Keycloak user and its pool user (username = address), exactly in line. */
    private MirroredUser linkedUserInLine(String userId, String email) {
        String sub = cognito.put(email, Map.of("email", email, "email_verified", "true", "given_name", "Ann"), true);
        return users.add(userId, email, "Ann", true, Optional.of(sub));
    }

    private void repairEdit(String username, Map<String, String> attributes) {
        cognito.adminUpdateUserAttributes(b -> b.userPoolId("p").username(username).userAttributes(attributes.entrySet()
                .stream().map(e -> PoolUserUpdate.attribute(e.getKey(), e.getValue())).toList()));
        cognito.resetCalls();
    }

    private void cognitoDisable(String username) {
        cognito.adminDisableUser(b -> b.userPoolId("p").username(username));
        cognito.resetCalls();
    }

    private static Map<String, Integer> nonZero(MirrorSummary summary) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>(summary.asMap());
        map.values().removeIf(v -> v == 0);
        return map;
    }

    @Test
    void aPoolThatCannotBeListedPausesTheRunAndTheNextSliceGoesOn() {
        for (int i = 0; i < 130; i++) {
            linkedUserInLine("user-" + i, "user" + i + "@example.com");
        }
        repair.slice(REALM, users, CALLS_PER_SECOND, Duration.ofSeconds(30));
        assertTrue(repair.request(REALM));
        cognito.failNextListing = true;
        assertEquals(DriftRepair.State.INTERRUPTED, repair.slice(REALM, users, CALLS_PER_SECOND, Duration.ofSeconds(30)).state());
        assertTrue(progress.load(REALM).orElseThrow().running(), "the run is kept");
        DriftRepair.Slice next = repair.slice(REALM, users, CALLS_PER_SECOND, Duration.ofSeconds(30));
        assertEquals(DriftRepair.State.FINISHED, next.state());
        assertEquals(130, next.finished().orElseThrow().asMap().get("unchanged"));
        assertFalse(progress.load(REALM).orElseThrow().running());
    }
}

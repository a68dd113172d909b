package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift repair against real Keycloak and the Cognito emulator: pool users deleted and edited directly in the pool
 * are put back by the full reconciliation that the provider's Periodic full sync (Keycloak's own timer) asks for, with
 * nobody pressing anything (no adoption: a pool user that took a linked user's address is a conflict), with an admin
 * event and metrics; and a linked user whose pool user is gone is recreated by their next mirrored change.
 */
@ExtendWith(RealStack.class)
class DriftRepairIT {

    private static final Duration MIRROR_WAIT = Duration.ofSeconds(30);
    private static final Duration RUN_WAIT = Duration.ofSeconds(180);
    private static PoolUsers pool;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    DriftRepairIT(LocalStack stack, DemoRealm realm) {
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void openPool(LocalStack stack) {
        pool = new PoolUsers(stack.cognito());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    /** Long enough for one run to finish before Keycloak's timer asks for the next. */
    private static final Duration PERIOD = Duration.ofSeconds(12);

    @BeforeEach
    void noScheduleYet() {
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT", "mirror.repair.every.seconds", "-1",
                "mirror.repair.calls.per.second", "50"));
    }

    @AfterEach
    void scheduleOff() {
        admin.updateRealmSettings(Map.of("mirror.repair.every.seconds", "-1"));
    }

    @Test
    void poolUsersDeletedOrEditedInThePoolArePutBackByThePeriodicFullSyncAndNothingIsAdopted() {
        String deleted = linkedUser();
        String renamed = linkedUser();
        String disabled = linkedUser();
        String squatted = linkedUser();
        String deletedSub = sub(deleted);
        String squattedSub = sub(squatted);
        pool.delete(deleted);
        pool.set(renamed, Map.of("given_name", "Changed", "email", renamed, "email_verified", "false"));
        pool.disable(disabled);
        pool.delete(squatted);
        pool.create("squatter-" + squatted, Map.of("email", squatted, "email_verified", "true"), true);
        double recreatedBefore = repairOutcomes("recreated");

        JsonNode status = runTheSchedule();

        System.out.println("DriftRepairIT: the periodic full sync's run finished: " + status);
        assertNotEquals(deletedSub, sub(deleted), "the deleted pool user was recreated and linked again");
        for (String email : new String[]{deleted, renamed, disabled}) {
            assertInLine(email);
        }
        assertEquals(squattedSub, sub(squatted), "never linked to the pool user that took the address");
        assertEquals(1, pool.usersWithEmail(squatted).size(), "the other pool user is left alone");
        JsonNode counts = status.path("lastCounts");
        assertTrue(counts.path("recreated").asInt() >= 1 && counts.path("updated").asInt() >= 2
                && counts.path("conflicts").asInt() >= 1 && counts.path("failed").asInt() == 0, counts.toString());
        JsonNode event = Await.value("the run's admin event", MIRROR_WAIT, () -> admin.adminEvents("EMAIL_CODE_MIRROR_REPAIR")
                .stream().filter(e -> "schedule".equals(e.path("details").path("trigger").asText()))
                .filter(e -> e.path("time").asLong() >= status.path("startedAtOfThisTest").asLong()).findFirst());
        assertEquals("ACTION", event.path("operationType").asText());
        assertTrue(event.path("details").path("recreated").asInt() >= 1, event.toString());
        assertTrue(repairOutcomes("recreated") >= recreatedBefore + 1, "counted in the metrics");
    }

    @Test
    void aLinkedUserWhosePoolUserIsGoneIsRecreatedByTheirNextChange() {
        String email = linkedUser();
        String before = sub(email);
        pool.delete(email);
        String userId = admin.userIdByEmail(email);
        ObjectNode user = (ObjectNode) admin.user(userId);
        user.put("firstName", "Back");
        admin.updateUser(userId, user);
        String after = Await.value("a new pool user linked", MIRROR_WAIT, () -> Optional.of(sub(email)).filter(s -> !s.equals(before)));
        assertEquals("Back", PoolUsers.attributes(pool.bySub(after).orElseThrow()).get("given_name"));
        assertInLine(email);
    }

    /**
     * Turns the provider's Periodic full sync on, as the console's switch does, and waits for the first run it asks
     * for to finish; returns the status then (with when this test turned it on), the schedule off again.
     */
    private JsonNode runTheSchedule() {
        long turnedOn = System.currentTimeMillis();
        admin.updateRealmSettings(Map.of("mirror.repair.every.seconds", Long.toString(PERIOD.toSeconds())));
        assertEquals(Long.toString(PERIOD.toSeconds()), admin.cognitoProvider().path("config").path("fullSyncPeriod").get(0).asText(),
                "the schedule is Keycloak's own field of the provider");
        ObjectNode status = (ObjectNode) Await.value("the periodic full sync's run to finish", RUN_WAIT,
                () -> Optional.of(admin.repairStatus()).filter(s -> s.path("lastFinishedAt").asLong() > turnedOn
                        && "IDLE".equals(s.path("phase").asText())));
        admin.updateRealmSettings(Map.of("mirror.repair.every.seconds", "-1"));
        assertTrue(status.path("lastFinishedAt").asLong() - turnedOn >= PERIOD.toMillis() - 1_000,
                "the run was asked for by Keycloak's timer, one period after the switch: " + status);
        return status.put("startedAtOfThisTest", turnedOn);
    }

    /** A new account an admin made, which the event listener mirrored: its pool username is its address. */
    private String linkedUser() {
        String email = realm.newUser();
        Await.value("the account mirrored", MIRROR_WAIT, () -> Optional.ofNullable(subOrNull(email)));
        return email;
    }

    private String sub(String email) {
        return subOrNull(email);
    }

    private String subOrNull(String email) {
        JsonNode sub = admin.user(admin.userIdByEmail(email)).path("attributes").path("cognito_sub");
        return sub.isArray() && !sub.isEmpty() ? sub.get(0).asText() : null;
    }

    /** The pool user linked to the account holds what Keycloak holds. */
    private void assertInLine(String email) {
        JsonNode user = admin.user(admin.userIdByEmail(email));
        var pooled = pool.bySub(sub(email)).orElseThrow(() -> new AssertionError("no pool user linked to " + email));
        Map<String, String> attributes = PoolUsers.attributes(pooled);
        assertEquals(user.get("email").asText(), attributes.get("email"), email);
        assertEquals(user.get("emailVerified").asText(), attributes.get("email_verified"), email);
        assertEquals(user.get("firstName").asText(), attributes.get("given_name"), email);
        assertEquals(user.get("lastName").asText(), attributes.get("family_name"), email);
        assertEquals(user.get("enabled").asBoolean(), pooled.enabled(), email);
    }

    private double repairOutcomes(String outcome) {
        return realm.metrics().sum("keycloak_cognito_mirror_total", "operation=\"repair\",outcome=\"" + outcome + "\"");
    }
}

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drift repair against real Keycloak and the Cognito emulator: pool users deleted and edited directly in the pool
 * are put back by the scheduled full reconciliation once Keycloak's clock passes the realm's interval (no adoption:
 * a pool user that took a linked user's address is a conflict), with an admin event and metrics; and a linked user
 * whose pool user is gone is recreated by their next mirrored change.
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

    @BeforeEach
    void dailyRepair() {
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT", "mirror.repair.hours", "24",
                "mirror.repair.calls.per.second", "50"));
    }

    @Test
    void poolUsersDeletedOrEditedInThePoolArePutBackOnTheScheduleAndNothingIsAdopted() {
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

        System.out.println("DriftRepairIT: scheduled run finished: " + status);
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
                .stream().filter(e -> "schedule".equals(e.path("details").path("trigger").asText())).findFirst());
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

    /** Moves Keycloak's clock past the realm's next run and waits for that run to finish; returns the status then. */
    private JsonNode runTheSchedule() {
        JsonNode first = Await.value("the realm seen by the schedule", MIRROR_WAIT,
                () -> Optional.of(admin.repairStatus()).filter(s -> s.has("nextRunAt")));
        long finished = first.path("lastFinishedAt").asLong();
        long offsetMillis = first.path("nextRunAt").asLong() - System.currentTimeMillis() + 60_000;
        realm.time().set(Duration.ofMillis(offsetMillis));
        return Await.value("the scheduled run to finish", RUN_WAIT, () -> Optional.of(admin.repairStatus())
                .filter(s -> s.path("lastFinishedAt").asLong() > finished && "IDLE".equals(s.path("phase").asText())));
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

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.stack.LocalStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full reconciliation of many users (200 in CI; {@code -Dreconcile.users=1000} for the figures of docs/cognito-mirror.md) against real Keycloak and the Cognito emulator, in a realm of its own (deleted
 * afterwards): the first run creates every pool user, a second finds all in line, a third repairs pool users deleted
 * and edited in the pool. The times are the figures docs/cognito-mirror.md gives; the emulator returns the whole pool in one
 * page and rewrites its state file on every change, so its times are an upper bound for the Cognito side.
 */
@ExtendWith(RealStack.class)
class ReconciliationAtScaleIT {

    private static final int USERS = Integer.getInteger("reconcile.users", 200);
    private static final int DRIFTED = USERS / 10;
    private static final int IMPORT_BATCH = 100;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    private final LocalStack stack;
    private final DemoRealm realm;

    ReconciliationAtScaleIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    @Test
    void everyUserIsCreatedThenFoundInLineThenRepairedInThePool() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode representation = RealmAdmin.JSON.createObjectNode().put("realm", "scale-" + id).put("enabled", true);
        RealmAdmin.withCognitoProvider(representation, Map.of("mirror.pool.id", stack.cognito().userPoolId(), "mirror.mode", "BEST_EFFORT",
                "mirror.repair.calls.per.second", "100"));
        RealmAdmin scale = realm.admin().createRealm(representation);
        try (PoolUsers pool = new PoolUsers(stack.cognito())) {
            for (int first = 0; first < USERS; first += IMPORT_BATCH) {
                scale.partialImport(users(id, first));
            }
            Map<String, Integer> created = reconcile(scale, "all " + USERS + " unlinked");
            assertEquals(USERS, created.get("created"));
            Map<String, Integer> inLine = reconcile(scale, "all in line");
            assertEquals(USERS, inLine.get("unchanged"));
            for (int i = 0; i < DRIFTED; i++) {
                pool.delete(address(id, i));
                pool.set(address(id, DRIFTED + i), Map.of("given_name", "Edited"));
            }
            Map<String, Integer> repaired = reconcile(scale, DRIFTED + " deleted and " + DRIFTED + " edited in the pool");
            assertEquals(DRIFTED, repaired.get("recreated"));
            assertEquals(DRIFTED, repaired.get("updated"));
            assertEquals(USERS - 2 * DRIFTED, repaired.get("unchanged"));
        } finally {
            scale.deleteRealm();
        }
    }

    private Map<String, Integer> reconcile(RealmAdmin scale, String what) {
        stack.cognitoProxy().resetCounts();
        long started = System.nanoTime();
        HttpResponse<String> response = scale.post("/email-code/cognito-mirror/reconcile", RUN_TIMEOUT);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, response.statusCode(), response.body());
        System.out.printf("ReconciliationAtScaleIT: %d users, %s: %d ms, Cognito calls %s, %s%n", USERS, what, millis,
                stack.cognitoProxy().calls(), response.body());
        return RealmAdmin.JSON.convertValue(RealmAdmin.parse(response.body()), Map.class);
    }

    /** A partial import of the users from {@code first} on, at most {@link #IMPORT_BATCH}. */
    private static ObjectNode users(String id, int first) {
        ObjectNode partial = RealmAdmin.JSON.createObjectNode().put("ifResourceExists", "SKIP");
        ArrayNode users = partial.putArray("users");
        for (int i = first; i < Math.min(USERS, first + IMPORT_BATCH); i++) {
            users.addObject().put("username", address(id, i)).put("email", address(id, i)).put("emailVerified", true)
                    .put("enabled", true).put("firstName", "Scale").put("lastName", "User" + i);
        }
        return partial;
    }

    private static String address(String id, int i) {
        return "scale-" + id + "-" + i + "@example.com";
    }
}

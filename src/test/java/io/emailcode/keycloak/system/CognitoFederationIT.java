package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.emailcode.stack.LocalStack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The Cognito bridge's settings have one home, the realm's "Amazon Cognito" user federation provider, against real
 * Keycloak: the console's form (the component API it saves through) and the product's REST endpoint read and write
 * the same values, a form with a bad value is refused with the REST endpoint's message, the realm keeps none of them
 * in its attributes, a realm export carries them into a new realm, the provider's "Sync all users" has a drift
 * repair run in the background while answering at once with the last run's counts, its "Sync changed users" retries
 * the queued changes at once, and realms with pools of their
 * own never touch each other's pool users.
 */
@ExtendWith(RealStack.class)
class CognitoFederationIT {

    private static final Duration RUN_WAIT = Duration.ofSeconds(60);
    private static final String FULL_SYNC = "triggerFullSync";
    private static final String CHANGED_SYNC = "triggerChangedUsersSync";
    private final LocalStack stack;
    private final RealmAdmin admin;

    CognitoFederationIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.admin = realm.admin();
    }

    @Test
    void theConsolesFormAndTheRestApiReadAndWriteTheSameSettings() {
        admin.updateRealmSettings(Map.of("mirror.username", "USER_ID", "mirror.import.cache.seconds", "120"));
        JsonNode component = admin.cognitoProvider();
        assertEquals("USER_ID", component.path("config").path("mirror.username").get(0).asText(), "REST -> form");
        assertEquals("120", component.path("config").path("mirror.import.cache.seconds").get(0).asText());

        ObjectNode edited = component.deepCopy();
        ((ObjectNode) edited.get("config")).putArray("mirror.username").add("EMAIL");
        ((ObjectNode) edited.get("config")).putArray("mirror.attributes").add("family_name");
        java.util.Set<String> eventsBefore = componentEventIds();
        HttpResponse<String> saved = admin.updateComponent(edited);
        assertEquals(204, saved.statusCode(), saved.body());
        List<JsonNode> events = admin.adminEvents("COMPONENT").stream()
                .filter(event -> !eventsBefore.contains(event.path("id").asText())).toList();
        assertEquals(1, events.size(), "the form's save is one admin event: " + events);
        assertEquals("UPDATE", events.get(0).path("operationType").asText());
        assertEquals("components/" + component.get("id").asText(), events.get(0).path("resourcePath").asText());
        Map<String, String> settings = admin.realmSettings();
        assertEquals("EMAIL", settings.get("mirror.username"), "form -> REST");
        assertEquals("family_name", settings.get("mirror.attributes"));
        assertEquals("120", settings.get("mirror.import.cache.seconds"));

        JsonNode attributes = admin.realm().path("attributes");
        attributes.fieldNames().forEachRemaining(name ->
                assertFalse(name.startsWith("emailCode.mirror."), "the realm keeps no bridge setting itself: " + name));
    }

    @Test
    void aFormWithABadValueIsRefusedWithTheRestApisMessageAndNothingIsStored() {
        HttpResponse<String> rest = admin.putRealmSettings("{\"mirror.import.cache.seconds\": \"99999\"}");
        assertEquals(400, rest.statusCode());
        String message = errors(rest.body()).get(0).asText();

        ObjectNode edited = admin.cognitoProvider().deepCopy();
        ((ObjectNode) edited.get("config")).putArray("mirror.import.cache.seconds").add("99999");
        HttpResponse<String> form = admin.updateComponent(edited);

        assertEquals(400, form.statusCode(), form.body());
        assertTrue(form.body().contains(message), "the console shows the REST API's message '" + message + "': " + form.body());
        assertEquals("60", admin.realmSettings().get("mirror.import.cache.seconds"), "the default still holds");
    }

    @Test
    void aRealmExportCarriesTheSettingsIntoANewRealm() {
        admin.updateRealmSettings(Map.of("mirror.username", "USER_ID", "mirror.attributes", "given_name"));
        RealmAdmin imported = admin.createRealm(admin.exportedCognitoProviderInANewRealm(
                "imported-" + UUID.randomUUID().toString().substring(0, 8)));
        try {
            Map<String, String> settings = imported.realmSettings();
            assertEquals("USER_ID", settings.get("mirror.username"));
            assertEquals("given_name", settings.get("mirror.attributes"));
            assertEquals("BEST_EFFORT", settings.get("mirror.mode"));
            assertEquals(RealmAdmin.COGNITO_PROVIDER_ID, imported.cognitoProvider().path("providerId").asText());
        } finally {
            imported.deleteRealm();
        }
    }

    @Test
    void syncAllUsersRunsADriftRepairInTheBackgroundAndAnswersWithTheLastRunsCounts() {
        String provider = admin.cognitoProvider().get("id").asText();
        long before = admin.repairStatus().path("lastFinishedAt").asLong(0);

        JsonNode first = admin.syncUsers(provider, FULL_SYNC);
        assertFalse(first.path("ignored").asBoolean(), first.toString());

        JsonNode finished = Await.value("the requested run to finish", RUN_WAIT, () -> Optional.of(admin.repairStatus())
                .filter(status -> "IDLE".equals(status.path("phase").asText()))
                .filter(status -> status.path("lastFinishedAt").asLong(0) > before));
        JsonNode counts = finished.get("lastCounts");
        JsonNode second = admin.syncUsers(provider, FULL_SYNC);
        assertEquals(counts.get("created").asInt() + counts.get("recreated").asInt(), second.get("added").asInt(), second.toString());
        assertEquals(counts.get("updated").asInt() + counts.get("disabled").asInt(), second.get("updated").asInt());
        assertEquals(counts.get("deleted").asInt(), second.get("removed").asInt());
        assertEquals(counts.get("failed").asInt() + counts.get("conflicts").asInt(), second.get("failed").asInt());
        Await.condition("the second run to finish too", RUN_WAIT,
                () -> "IDLE".equals(admin.repairStatus().path("phase").asText()));
    }

    /**
     * A change queued while Cognito refused is retried by "Sync changed users" at once, not on the retry task's
     * schedule: the pool has it when the button answers. The press while Cognito still refuses tries it too (and
     * pushes its next background attempt seconds away), so the press after the outage is the one that applies it.
     */
    @Test
    void syncChangedUsersRetriesTheRealmsQueuedChangesAtOnce() {
        String provider = admin.cognitoProvider().get("id").asText();
        try (PoolUsers pool = new PoolUsers(stack.cognito())) {
            String email = "changed-" + UUID.randomUUID() + "@example.com";
            String userId = admin.createUser(email, null);
            Await.value("the new user in the pool", RUN_WAIT, () -> pool.withEmail(email));
            stack.cognitoProxy().setDown(true);
            ObjectNode user = (ObjectNode) admin.user(userId);
            admin.updateUser(userId, user.put("firstName", "Queued"));
            Await.pause(Duration.ofSeconds(3));

            JsonNode refused = admin.syncUsers(provider, CHANGED_SYNC);
            assertTrue(refused.path("failed").asInt() >= 1, "the queued change was tried and refused: " + refused);
            stack.cognitoProxy().setDown(false);
            JsonNode drained = admin.syncUsers(provider, CHANGED_SYNC);
            assertTrue(drained.path("updated").asInt() >= 1, drained.toString());
            assertEquals("Queued", pool.withEmail(email).orElseThrow().get("given_name"),
                    "the pool has the change when the button answers: " + drained);
            JsonNode again = admin.syncUsers(provider, CHANGED_SYNC);
            assertEquals(0, again.path("updated").asInt(), "nothing of it left in the queue: " + again);
        }
    }

    /**
     * Two realms of one server, each with a pool of its own, and one person with an account in each: each account is
     * mirrored into its realm's pool only, and deleting one account deletes only its realm's pool user.
     */
    @Test
    void twoRealmsWithTwoPoolsNeverTouchEachOthersUsers() {
        String name = "own-pool-" + UUID.randomUUID().toString().substring(0, 8);
        try (PoolUsers demoPool = new PoolUsers(stack.cognito()); PoolUsers otherPool = PoolUsers.newPool(stack.cognito(), name)) {
            RealmAdmin other = admin.createRealm(DemoRealm.copy(name, otherPool.poolId()));
            try {
                String email = DemoRealm.newAddress("two-pools");
                String demoUser = admin.createUser(email, null);
                String otherUser = other.createUser(email, null);
                String demoSub = Await.value("the demo realm's account mirrored", RUN_WAIT, () -> admin.cognitoSub(demoUser));
                String otherSub = Await.value("the other realm's account mirrored", RUN_WAIT, () -> other.cognitoSub(otherUser));

                assertEquals(List.of(demoSub), subs(demoPool.usersWithEmail(email)), "the demo realm's pool: its account only");
                assertEquals(List.of(otherSub), subs(otherPool.usersWithEmail(email)), "the other pool: the other account only");

                other.deleteUser(otherUser);
                Await.condition("the other realm's pool user deleted", RUN_WAIT, () -> otherPool.usersWithEmail(email).isEmpty());
                assertEquals(List.of(demoSub), subs(demoPool.usersWithEmail(email)), "the demo realm's pool user stays");
                assertEquals(Optional.of(demoSub), admin.cognitoSub(demoUser));
            } finally {
                other.deleteRealm();
            }
        }
    }

    private java.util.Set<String> componentEventIds() {
        return admin.adminEvents("COMPONENT").stream().map(event -> event.path("id").asText())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static List<String> subs(List<UserType> users) {
        return users.stream().map(user -> PoolUsers.attributes(user).get("sub")).toList();
    }

    private static JsonNode errors(String body) {
        return RealmAdmin.parse(body).get("errors");
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Taking over someone's pool identity through the mirror, against real Keycloak and the Cognito emulator: a pool user
 * signed up with the victim's address (unverified, or never confirmed) is not imported or adopted when the victim
 * proves the address; a Cognito username that was someone's address is not handed to whoever proves that address
 * later; a change queued on a proof is not applied once the account's address changed; a {@code cognito_sub} an
 * administrator copies onto another account, of the same realm or of another realm sharing the pool, does not let the
 * mirror change or delete the pool user it names. Each attack leaves the pool user untouched, the prover with an
 * account of their own, and an admin event naming the account and the reason.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class PoolTakeoverAttackIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALERTS = "EMAIL_CODE_MIRROR_ALERT";
    private static PoolUsers pool;
    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    PoolTakeoverAttackIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @BeforeAll
    static void prepare(LocalStack stack, DemoRealm realm) {
        realm.allowQuickRetries();
        // Administrators may see the linked sub on the user (it is not part of the profile people edit).
        realm.admin().updateUserProfile(profile -> profile.put("unmanagedAttributePolicy", "ADMIN_VIEW"));
        pool = new PoolUsers(stack.cognito());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void registrationAndTheMirror() {
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("resend.cooldown.seconds", "0", "sends.per.hour", "100",
                "auto.register", "true"));
        admin.updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        admin.updateRealmSettings(Map.of("mirror.mode", "BEST_EFFORT", "mirror.import", "true",
                "mirror.username", "EMAIL"));
    }

    @Test
    void aPoolUserSignedUpUnverifiedWithTheVictimsAddressIsNeitherImportedNorAdopted() {
        String victim = DemoRealm.newAddress("victim-unverified");
        String mallory = "mallory-" + UUID.randomUUID();
        String sub = pool.create(mallory, Map.of("email", victim, "email_verified", "false", "given_name", "Mallory"), true);
        double conflicts = importOutcomes("conflict");

        String userId = signInWithCode(victim);

        assertFreshAccountAndPoolUserUntouched(userId, mallory, sub, victim, "false");
        assertEquals("conflict", alertFor(userId, "unverified").path("details").path("change").asText());
        assertTrue(importOutcomes("conflict") > conflicts, "counted as a conflict for the operator");
        AttackReport.record("pool takeover", "unverified pool user with the victim's address: imported or adopted", 0);
    }

    @Test
    void anUnconfirmedPoolUserWithTheVictimsAddressIsNeitherImportedNorAdopted() {
        String victim = DemoRealm.newAddress("victim-unconfirmed");
        String mallory = "mallory-" + UUID.randomUUID();
        String sub = pool.signUpUnconfirmed(mallory, victim);
        assertEquals("UNCONFIRMED", pool.status(mallory));

        String userId = signInWithCode(victim);

        assertFreshAccountAndPoolUserUntouched(userId, mallory, sub, victim, "true");
        assertEquals("conflict", alertFor(userId, "unconfirmed").path("details").path("change").asText());
        assertEquals("UNCONFIRMED", pool.status(mallory), "its password was not reset either");
        AttackReport.record("pool takeover", "unconfirmed pool user with the victim's address: imported or adopted", 0);
    }

    /**
     * With addresses as Cognito usernames, a renamed account's pool user keeps the old address as its username; whoever
     * proves that address later gets an account of their own, not the renamed person's pool identity.
     */
    @Test
    void whoProvesARenamedAccountsOldAddressIsNotLinkedToItsPoolUser() {
        admin.updateRealmSettings(Map.of("mirror.import", "false"));
        String old = DemoRealm.newAddress("renamed-old");
        String renamedId = admin.createUser(old, null);
        String renamedSub = await("the account mirrored", () -> linkedSub(renamedId));
        String current = DemoRealm.newAddress("renamed-new");
        change(renamedId, user -> user.put("email", current).put("emailVerified", true));
        await("the rename mirrored", () -> pool.bySub(renamedSub).map(PoolUsers::attributes)
                .filter(a -> current.equals(a.get("email"))));

        String attackerId = signInWithCode(old);

        assertEquals(Optional.empty(), mirrorDecided(attackerId), "not linked to the renamed person's pool user");
        assertEquals("conflict", alertFor(attackerId, "other_address").path("details").path("change").asText());
        Map<String, String> renamed = PoolUsers.attributes(pool.bySub(renamedSub).orElseThrow());
        assertEquals(current, renamed.get("email"), "the renamed person's pool user keeps their address");
        assertEquals("true", renamed.get("email_verified"));
        AttackReport.record("pool takeover", "renamed account's old address proved by someone else: pool user adopted", 0);
    }

    /**
     * A realm without the mirror's event listener queues nothing when an admin changes an address; the change a
     * sign-in queued while Cognito was down then meets an account whose address is a victim's. It is dropped.
     */
    @Test
    void aChangeQueuedOnAProofIsDroppedOnceTheAccountsAddressChanged() {
        admin.updateRealmSettings(Map.of("mirror.import", "false"));
        JsonNode listeners = admin.updateEventListeners(all -> {
            ArrayNode withoutMirror = RealmAdmin.JSON.createArrayNode();
            all.forEach(l -> {
                if (!"cognito-mirror".equals(l.asText())) {
                    withoutMirror.add(l);
                }
            });
            return withoutMirror;
        });
        assertTrue(admin.realmRepresentation().path("eventsListeners").toString().indexOf("cognito-mirror") < 0);
        try {
            String victim = DemoRealm.newAddress("victim-queued");
            String victimUsername = "victim-" + UUID.randomUUID();
            String victimSub = pool.create(victimUsername, Map.of("email", victim, "email_verified", "true"), true);
            String proved = DemoRealm.newAddress("proved-then-changed");
            String userId = admin.createUser(proved, null);

            stack.cognitoProxy().setDown(true);
            signIn(proved);
            change(userId, user -> user.put("email", victim).put("emailVerified", true));
            stack.cognitoProxy().setDown(false);

            assertEquals(Optional.empty(), mirrorDecided(userId), "not linked to the victim's pool user");
            assertEquals("dropped", alertFor(userId, "proved_address_changed").path("details").path("change").asText());
            assertEquals(victim, PoolUsers.attributes(pool.bySub(victimSub).orElseThrow()).get("email"));
            AttackReport.record("pool takeover", "queued change applied after the account's address changed", 0);
        } finally {
            admin.updateEventListeners(all -> (ArrayNode) listeners);
        }
    }

    /**
     * An administrator puts another person's {@code cognito_sub} on an account of their own: two accounts now name one
     * pool user, but only the one the mirror linked it to may change it. The victim's pool user keeps its address and
     * survives the deletion of the administrator's account.
     */
    @Test
    void anAdminSetSubNeitherUpdatesNorDeletesAnotherUsersPoolUser() {
        admin.updateRealmSettings(Map.of("mirror.import", "false"));
        String victim = DemoRealm.newAddress("victim-linked");
        String victimId = admin.createUser(victim, null);
        String victimSub = await("the victim mirrored", () -> linkedSub(victimId));
        String attacker = DemoRealm.newAddress("sub-setter");
        String attackerId = admin.createUser(attacker, null);
        await("the administrator's own account mirrored", () -> linkedSub(attackerId));

        change(attackerId, user -> user.withObject("attributes").putArray("cognito_sub").add(victimSub));

        await("the mirror's decision about the copied sub", () -> alerts(attackerId).findAny().isPresent()
                || !victim.equals(poolEmail(victimSub)) ? Optional.of(true) : Optional.empty());
        assertEquals(victim, poolEmail(victimSub), "the victim's pool user keeps their address");
        assertEquals("conflict", alertFor(attackerId, "linked_elsewhere").path("details").path("change").asText());
        Map<String, String> pooled = deleteKeepingPoolUser(admin, attackerId, victimSub);
        assertEquals(victim, pooled.get("email"));
        assertEquals("true", pooled.get("email_verified"));
        assertEquals(Optional.of(victimSub), linkedSub(victimId));
        AttackReport.record("pool takeover", "admin-set cognito_sub of another user: pool user updated or deleted", 0);
    }

    /**
     * Two realms mirror into one pool. The administrator of the second copies the {@code cognito_sub} of a person of the
     * first onto an account of their own: the link says that pool user is the first realm's person's, so the second
     * realm's changes and its deletion of the account leave it as it was, and the second realm's administrator gets
     * the alert.
     */
    @Test
    void anotherRealmsAdminNeitherUpdatesNorDeletesThisRealmsPoolUserThroughACopiedSub() throws java.io.IOException {
        admin.updateRealmSettings(Map.of("mirror.import", "false"));
        String victim = DemoRealm.newAddress("victim-other-realm");
        String victimId = admin.createUser(victim, null);
        String victimSub = await("the victim mirrored", () -> linkedSub(victimId));
        RealmAdmin other = admin.createRealm(DemoRealm.copy("shared-pool-" + UUID.randomUUID().toString().substring(0, 8),
                stack.cognito().userPoolId()));
        try {
            String attacker = DemoRealm.newAddress("other-realm-admin");
            String attackerId = other.createUser(attacker, null);
            await("the other realm's account mirrored", () -> linkedSub(other, attackerId));

            change(other, attackerId, user -> user.withObject("attributes").putArray("cognito_sub").add(victimSub));
            change(other, attackerId, user -> user.put("firstName", "Mallory"));

            await("the mirror's decision about the copied sub", () -> otherRealmsAlert(other, attackerId).isPresent()
                    || !victim.equals(poolEmail(victimSub)) ? Optional.of(true) : Optional.empty());
            assertEquals(victim, poolEmail(victimSub), "the other realm's change did not reach this realm's pool user");
            assertEquals("conflict", otherRealmsAlert(other, attackerId).orElseThrow().path("details").path("change").asText());
            Map<String, String> pooled = deleteKeepingPoolUser(other, attackerId, victimSub);
            assertEquals(victim, pooled.get("email"), "the address stays the victim's");
            assertEquals("true", pooled.get("email_verified"));
            assertNotEquals("Mallory", pooled.get("given_name"), "nor the other realm's name");
            assertEquals(Optional.of(victimSub), linkedSub(victimId));
            assertTrue(alerts(attackerId).findAny().isEmpty(), "the alert is the other realm's, not this one's");
            AttackReport.record("pool takeover", "another realm's admin-set cognito_sub: this realm's pool user updated or deleted", 0);
        } finally {
            other.deleteRealm();
        }
    }

    /** Deletes the account that holds a copied sub; returns the attributes of the pool user it named, which survives. */
    private Map<String, String> deleteKeepingPoolUser(RealmAdmin realmAdmin, String userId, String copiedSub) {
        double refusedDeletes = mirrorOutcomes("delete", "conflict");
        realmAdmin.deleteUser(userId);
        await("the delete decided", () -> mirrorOutcomes("delete", "conflict") > refusedDeletes
                || pool.bySub(copiedSub).isEmpty() ? Optional.of(true) : Optional.empty());
        return PoolUsers.attributes(pool.bySub(copiedSub).orElseThrow(() ->
                new AssertionError("the pool user of the copied sub was deleted")));
    }

    /** The second realm's admin event about its account: the pool user is linked to another realm's person. */
    private static Optional<JsonNode> otherRealmsAlert(RealmAdmin other, String userId) {
        return other.adminEvents(ALERTS).stream().filter(e -> userId.equals(e.path("details").path("user_id").asText()))
                .filter(e -> io.emailcode.keycloak.mirror.LinkedUserPool.LINKED_ELSEWHERE.equals(e.path("details").path("reason").asText())).findFirst();
    }

    private static Optional<String> linkedSub(RealmAdmin realmAdmin, String userId) {
        return realmAdmin.cognitoSub(userId);
    }

    private static void change(RealmAdmin realmAdmin, String userId, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode user = (ObjectNode) realmAdmin.user(userId);
        edit.accept(user);
        realmAdmin.updateUser(userId, user);
    }

    private void assertFreshAccountAndPoolUserUntouched(String userId, String poolUsername, String poolSub, String email,
                                                        String poolVerified) {
        assertEquals(Optional.empty(), mirrorDecided(userId), "not linked to the pool user");
        JsonNode user = admin.user(userId);
        assertEquals("New", user.path("firstName").asText(), "nothing taken from the pool user");
        assertTrue(user.path("emailVerified").asBoolean(), "the account's own address, proved");
        assertTrue(admin.events("REGISTER").stream().noneMatch(e -> userId.equals(e.path("userId").asText())
                && "cognito-import".equals(e.path("details").path("register_method").asText())), "not an import");
        Map<String, String> pooled = PoolUsers.attributes(pool.bySub(poolSub).orElseThrow());
        assertEquals(poolUsername, pool.bySub(poolSub).orElseThrow().username());
        assertEquals(poolVerified, pooled.get("email_verified"), "the pool user's address is not made verified");
        assertEquals(1, pool.usersWithEmail(email).size(), "and no second pool user for the address");
    }

    /** A right code for the address, with the profile a new account is asked for; returns the account's id. */
    private String signInWithCode(String email) {
        signIn(email);
        return admin.userIdByEmail(email);
    }

    private void signIn(String email) {
        LoginBrowser browser = realm.atCodePage(email);
        LoginBrowser.Page afterCode = browser.submitCode(realm.codeFor(email));
        if (afterCode.location() != null && afterCode.location().contains("VERIFY_PROFILE")) {
            browser.follow();
            browser.submitProfile("New", "Person");
        }
        browser.authorizationCode();
    }

    /**
     * Once the mirror decided about the account (it linked it, or reported why not): the pool user it is linked to,
     * if any.
     */
    private Optional<String> mirrorDecided(String userId) {
        await("the mirror's decision about the account", () -> linkedSub(userId).isPresent() || alert(userId).isPresent()
                ? Optional.of(true) : Optional.empty());
        return linkedSub(userId);
    }

    private Optional<JsonNode> alert(String userId) {
        return alerts(userId).findFirst();
    }

    private java.util.stream.Stream<JsonNode> alerts(String userId) {
        return admin.adminEvents(ALERTS).stream().filter(e -> userId.equals(e.path("details").path("user_id").asText()));
    }

    /**
     * The mirror's admin event about this account for this reason (the conflict or the dropped change this test caused;
     * the profile a new account fills in is a change of its own, reported as a conflict without a proof).
     */
    private JsonNode alertFor(String userId, String reason) {
        return await("the mirror's admin event for the account", () -> alerts(userId)
                .filter(e -> reason.equals(e.path("details").path("reason").asText())).findFirst());
    }

    private void change(String userId, java.util.function.Consumer<ObjectNode> edit) {
        change(admin, userId, edit);
    }

    private String poolEmail(String sub) {
        return pool.bySub(sub).map(u -> PoolUsers.attributes(u).get("email")).orElse("");
    }

    private Optional<String> linkedSub(String userId) {
        return linkedSub(admin, userId);
    }

    private double importOutcomes(String outcome) {
        return mirrorOutcomes("import", outcome);
    }

    private double mirrorOutcomes(String operation, String outcome) {
        return realm.metrics().sum("keycloak_cognito_mirror_total",
                "operation=\"" + operation + "\",outcome=\"" + outcome + "\"");
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        return Await.value(what, WAIT, probe);
    }
}

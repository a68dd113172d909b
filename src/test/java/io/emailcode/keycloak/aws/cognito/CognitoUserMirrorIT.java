package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.MirrorChange;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.UserMirror;
import io.emailcode.keycloak.mirror.UserPool;
import io.emailcode.keycloak.mirror.PoolPage;
import io.emailcode.keycloak.mirror.PooledUser;
import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.CognitoLocal;
import io.emailcode.stack.CountingProxy;
import io.emailcode.stack.StackSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

class CognitoUserMirrorIT {

    private static CognitoLocal cognito;
    private static CountingProxy proxy;
    private static CognitoIdentityProviderClient client;
    private static CognitoIdentityProviderClient mirrorClient;
    private static UserMirror mirror;
    private static String appClientId;

    @BeforeAll
    static void startCognito() {
        StackSettings settings = StackSettings.fromSystemProperties();
        cognito = CognitoLocal.start(settings.projectDir(), settings.workDir(), FreePort.next());
        proxy = cognito.proxy(FreePort.next());
        client = CognitoLocal.client(cognito.endpoint());
        mirrorClient = CognitoLocal.client(proxy.endpoint());
        mirror = new CognitoUserMirror(mirrorClient, cognito.userPoolId());
        appClientId = client.createUserPoolClient(b -> b.userPoolId(cognito.userPoolId()).clientName("app"))
                .userPoolClient().clientId();
    }

    @AfterAll
    static void stopCognito() {
        if (client != null) {
            client.close();
        }
        if (mirrorClient != null) {
            mirrorClient.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (cognito != null) {
            cognito.close();
        }
    }

    @Test
    void aNewUserIsCreatedWithAVerifiedAddressAndNames() {
        MirroredUser user = user("Ann", "Lee", true);
        MirrorResult result = mirror.sync(user, Adoption.NEVER);
        assertEquals(MirrorChange.CREATED, result.change());
        Map<String, String> attributes = attributes(user.username());
        assertEquals(user.email(), attributes.get("email"));
        assertEquals("true", attributes.get("email_verified"));
        assertEquals("Ann", attributes.get("given_name"));
        assertEquals("Lee", attributes.get("family_name"));
        assertEquals(result.sub(), attributes.get("sub"));
    }

    @Test
    void aSecondSyncWithTheSameStateChangesNothing() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        assertEquals(MirrorChange.UNCHANGED, mirror.sync(linked(user, sub), Adoption.NEVER).change());
    }

    @Test
    void anUnverifiedAddressIsMirroredUnverifiedNeverForced() {
        MirroredUser user = unverified(user("Ann", "Lee", true));
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        assertEquals("false", attributes(user.username()).get("email_verified"));
        MirroredUser verified = new MirroredUser(user.userId(), user.username(), user.email(), true, user.attributes(),
                true, Optional.of(sub));
        assertEquals(MirrorChange.UPDATED, mirror.sync(verified, Adoption.NEVER).change());
        assertEquals("true", attributes(user.username()).get("email_verified"));
        assertEquals(MirrorChange.UPDATED, mirror.sync(linked(unverified(verified), sub), Adoption.NEVER).change(),
                "an address that is no longer verified in Keycloak is no longer verified in the pool");
        assertEquals("false", attributes(user.username()).get("email_verified"));
    }

    @Test
    void anAdminChangedAddressOfAnotherPersonNeverYieldsASecondVerifiedUser() {
        String victim = "victim-" + UUID.randomUUID() + "@example.com";
        String victimSub = poolUser("victim-" + UUID.randomUUID(), victim);
        MirroredUser attacker = user("Mallory", "M", true);
        String attackerSub = mirror.sync(attacker, Adoption.NEVER).sub();
        // An admin sets the victim's address on the attacker's account, "email verified" off.
        MirroredUser changed = new MirroredUser(attacker.userId(), attacker.username(), victim, false, attacker.attributes(),
                true, Optional.of(attackerSub));
        assertEquals(MirrorChange.UPDATED, mirror.sync(changed, Adoption.NEVER).change());
        assertEquals("false", attributes(attacker.username()).get("email_verified"), "the pool says unverified, as Keycloak does");
        assertEquals("true", attributes(victimSubUsername(victimSub)).get("email_verified"), "the victim's pool user is untouched");
    }

    @Test
    void anUnlinkedUserIsNeverAdoptedOutsideAProof() {
        String email = "adopt-" + UUID.randomUUID() + "@example.com";
        poolUser("legacy-" + UUID.randomUUID(), email);
        MirroredUser user = new MirroredUser("kc-" + UUID.randomUUID(), email, email, false, Map.of(), true, Optional.empty());
        MirrorResult result = mirror.sync(user, Adoption.NEVER);
        assertEquals(MirrorChange.CONFLICT, result.change());
        assertFalse(result.linked());
        assertEquals(1, withAddress(email), "no duplicate was created");
    }

    @Test
    void twoPoolUsersWithTheAddressAreAConflictEvenRightAfterAProof() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        poolUser("one-" + UUID.randomUUID(), email);
        poolUser("two-" + UUID.randomUUID(), email);
        MirrorResult result = mirror.sync(new MirroredUser("kc-" + UUID.randomUUID(), email, email, true, Map.of(), true,
                Optional.empty()), Adoption.ON_PROOF);
        assertEquals(MirrorChange.CONFLICT, result.change());
        assertEquals(2, withAddress(email));
    }

    @Test
    void anUpdateGoesOnlyToTheLinkedSubNotToAnotherUserWithTheAddress() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        client.adminDeleteUser(b -> b.userPoolId(cognito.userPoolId()).username(user.username()));
        String squatter = poolUser(user.email(), user.email());
        MirrorResult result = mirror.sync(linked(user, sub), Adoption.NEVER);
        assertEquals(MirrorChange.CONFLICT, result.change(), "the linked pool user is gone; the new one is not adopted");
        assertEquals(squatter, attributes(user.email()).get("sub"));
    }

    @Test
    void aLinkedUserWhosePoolUserIsGoneIsRecreatedAndLinkedAgain() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        client.adminDeleteUser(b -> b.userPoolId(cognito.userPoolId()).username(user.username()));
        MirrorResult result = mirror.sync(linked(user, sub), Adoption.NEVER);
        assertEquals(MirrorChange.RECREATED, result.change());
        assertFalse(sub.equals(result.sub()));
        assertEquals(result.sub(), attributes(user.username()).get("sub"));
    }

    @Test
    void thePoolIsListedToTheEndAndAListedUserIsAlignedWithoutALookup() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        client.adminUpdateUserAttributes(b -> b.userPoolId(cognito.userPoolId()).username(user.username())
                .userAttributes(AttributeType.builder().name("given_name").value("Edited").build()));
        UserPool pool = (UserPool) mirror;
        java.util.List<PooledUser> listed = new java.util.ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            PoolPage page = pool.page(token);
            listed.addAll(page.users());
            token = page.next();
        } while (token.isPresent());
        PooledUser pooled = listed.stream().filter(u -> u.sub().equals(sub)).findFirst().orElseThrow();
        assertEquals(MirrorChange.UPDATED, pool.align(pooled, linked(user, sub)).change());
        assertEquals("Ann", attributes(user.username()).get("given_name"));
    }

    @Test
    void aDeleteRemovesOnlyTheLinkedPoolUser() {
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        poolUser(email, email);
        DeletedUser neverLinked = new DeletedUser("kc-" + UUID.randomUUID(), Optional.empty());
        assertEquals(MirrorChange.ALREADY_ABSENT, mirror.delete(neverLinked));
        DeletedUser staleSub = new DeletedUser("kc-" + UUID.randomUUID(), Optional.of(UUID.randomUUID().toString()));
        assertEquals(MirrorChange.ALREADY_ABSENT, mirror.delete(staleSub));
        assertEquals(email, attributes(email).get("email"), "a pool user that was never ours survives");
    }

    @Test
    void rightAfterAProofTheOnePoolUserWithTheAddressIsAdoptedNotDuplicated() {
        String email = "adopt-" + UUID.randomUUID() + "@example.com";
        String sub = poolUser("legacy-" + UUID.randomUUID(), email);
        MirrorResult result = mirror.sync(new MirroredUser("kc-1", email, email, true, Map.of(), true, Optional.empty()),
                Adoption.ON_PROOF);
        assertEquals(MirrorChange.ADOPTED, result.change());
        assertEquals(sub, result.sub());
        assertEquals(1, withAddress(email));
    }

    @Test
    void anAdoptedPoolUserStartsCleanItsPasswordStopsWorkingAndItsSessionsEnd() {
        String email = "clean-" + UUID.randomUUID() + "@example.com";
        String username = "legacy-" + UUID.randomUUID();
        poolUser(username, email);
        client.adminSetUserPassword(b -> b.userPoolId(cognito.userPoolId()).username(username).password("Old-Passw0rd!")
                .permanent(true));
        assertTrue(signsInWithPassword(username, "Old-Passw0rd!"), "the password worked before");
        proxy.resetCounts();

        MirrorResult result = mirror.sync(new MirroredUser("kc-" + UUID.randomUUID(), email, email, true, Map.of(), true,
                Optional.empty()), Adoption.ON_PROOF);

        assertEquals(MirrorChange.ADOPTED, result.change());
        assertFalse(signsInWithPassword(username, "Old-Passw0rd!"), "the password it carried no longer works");
        assertEquals(1, proxy.calls().getOrDefault("AdminSetUserPassword", 0));
        assertEquals(1, proxy.calls().getOrDefault("AdminUserGlobalSignOut", 0), "its sessions were ended");
    }

    @Test
    void anUnverifiedPoolUserWithTheAddressIsAConflictEvenRightAfterAProof() {
        String email = "unverified-" + UUID.randomUUID() + "@example.com";
        String username = "mallory-" + UUID.randomUUID();
        client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username(username).messageAction("SUPPRESS")
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value("false").build(),
                        AttributeType.builder().name("given_name").value("Mallory").build()));
        proxy.resetCounts();
        MirrorResult result = mirror.sync(new MirroredUser("kc-" + UUID.randomUUID(), email, email, true,
                Map.of("given_name", "Victim"), true, Optional.empty()), Adoption.ON_PROOF);
        assertEquals(MirrorResult.conflict("unverified"), result);
        assertEquals("false", attributes(username).get("email_verified"), "left as it was");
        assertEquals("Mallory", attributes(username).get("given_name"));
        assertEquals(Map.of("ListUsers", 1), proxy.calls(), "nothing was written");
    }

    @Test
    void anUnconfirmedPoolUserWithTheAddressIsAConflictEvenRightAfterAProof() {
        String email = "unconfirmed-" + UUID.randomUUID() + "@example.com";
        String username = "signed-up-" + UUID.randomUUID();
        client.signUp(b -> b.clientId(appClientId).username(username).password("Passw0rd!")
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
        client.adminUpdateUserAttributes(b -> b.userPoolId(cognito.userPoolId()).username(username)
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        assertEquals("UNCONFIRMED", get(username).userStatusAsString());
        MirrorResult result = mirror.sync(new MirroredUser("kc-" + UUID.randomUUID(), email, email, true, Map.of(), true,
                Optional.empty()), Adoption.ON_PROOF);
        assertEquals(MirrorResult.conflict("unconfirmed"), result);
    }

    @Test
    void aUsernameThatIsTheProvedAddressWithAnotherEmailIsNotAdoptedRightAfterAProof() {
        MirroredUser user = user("Ann", "Lee", true);
        client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username(user.username()).messageAction("SUPPRESS")
                .userAttributes(AttributeType.builder().name("email").value("renamed-" + user.email()).build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        assertEquals(MirrorResult.conflict("other_address"), mirror.sync(user, Adoption.ON_PROOF));
        assertEquals("renamed-" + user.email(), attributes(user.username()).get("email"), "left as it was");
    }

    @Test
    void aUsernameThatIsTheKeycloakIdIsOursSoARepeatedCreateIsIdempotent() {
        MirroredUser user = byUserId(user("Ann", "Lee", true));
        client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username(user.username()).messageAction("SUPPRESS"));
        MirrorResult result = mirror.sync(user, Adoption.NEVER);
        assertEquals(MirrorChange.ADOPTED, result.change());
        assertEquals(user.email(), attributes(user.username()).get("email"));
    }

    @Test
    void aUsernameThatIsAnAddressIsSomeoneElsesOutsideAProof() {
        MirroredUser user = user("Ann", "Lee", true);
        client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username(user.username()).messageAction("SUPPRESS"));
        assertEquals(MirrorChange.CONFLICT, mirror.sync(user, Adoption.NEVER).change());
    }

    @Test
    void changedAddressAndNamesAreUpdatedAndTheAddressStaysVerified() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        String newEmail = "moved-" + UUID.randomUUID() + "@example.com";
        MirroredUser moved = new MirroredUser(user.userId(), user.username(), newEmail, true,
                Map.of("given_name", "Anne", "family_name", ""), true, Optional.of(sub));
        assertEquals(MirrorChange.UPDATED, mirror.sync(moved, Adoption.NEVER).change());
        Map<String, String> attributes = attributes(user.username());
        assertEquals(newEmail, attributes.get("email"));
        assertEquals("true", attributes.get("email_verified"));
        assertEquals("Anne", attributes.get("given_name"));
        assertFalse(attributes.containsKey("family_name"), "a name Keycloak no longer has is removed");
    }

    @Test
    void disablingAndEnablingFollowKeycloak() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        assertEquals(MirrorChange.DISABLED, mirror.sync(linked(user("Ann", "Lee", false, user), sub), Adoption.NEVER).change());
        assertFalse(get(user.username()).enabled());
        assertEquals(MirrorChange.ENABLED, mirror.sync(linked(user, sub), Adoption.NEVER).change());
        assertTrue(get(user.username()).enabled());
    }

    @Test
    void aDeletedUserIsRemovedAndDeletingAgainIsNotAnError() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user, Adoption.NEVER).sub();
        DeletedUser deleted = new DeletedUser(user.userId(), Optional.of(sub));
        assertEquals(MirrorChange.DELETED, mirror.delete(deleted));
        assertThrows(UserNotFoundException.class, () -> get(user.username()));
        assertEquals(MirrorChange.ALREADY_ABSENT, mirror.delete(deleted));
    }

    @Test
    void anUnreachablePoolIsARetryableFailure() {
        try (CognitoIdentityProviderClient nowhere = CognitoLocal.client(URI.create("http://127.0.0.1:29239"))) {
            MirrorException e = assertThrows(MirrorException.class,
                    () -> new CognitoUserMirror(nowhere, cognito.userPoolId()).sync(user("Ann", "Lee", true), Adoption.NEVER));
            assertTrue(e.retryable());
        }
    }

    @Test
    void aMissingPoolIsAPermanentFailure() {
        MirrorException e = assertThrows(MirrorException.class,
                () -> new CognitoUserMirror(client, "us-east-1_missing").sync(user("Ann", "Lee", true), Adoption.NEVER));
        assertFalse(e.retryable(), e.getMessage());
    }

    private static MirroredUser user(String given, String family, boolean enabled) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        return new MirroredUser(UUID.randomUUID().toString(), email, email, true,
                Map.of("given_name", given, "family_name", family), enabled, Optional.empty());
    }

    private static MirroredUser user(String given, String family, boolean enabled, MirroredUser like) {
        return new MirroredUser(like.userId(), like.username(), like.email(), like.emailVerified(),
                Map.of("given_name", given, "family_name", family), enabled, like.sub());
    }

    private static MirroredUser linked(MirroredUser user, String sub) {
        return new MirroredUser(user.userId(), user.username(), user.email(), user.emailVerified(), user.attributes(),
                user.enabled(), Optional.of(sub));
    }

    private static MirroredUser unverified(MirroredUser user) {
        return new MirroredUser(user.userId(), user.username(), user.email(), false, user.attributes(), user.enabled(), user.sub());
    }

    private static MirroredUser byUserId(MirroredUser user) {
        return new MirroredUser(user.userId(), user.userId(), user.email(), true, user.attributes(), user.enabled(), user.sub());
    }

    /** A pool user made directly in Cognito (verified), as a pool that had people first holds them; returns its sub. */
    private static String poolUser(String username, String email) {
        return client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username(username).messageAction("SUPPRESS")
                        .userAttributes(AttributeType.builder().name("email").value(email).build(),
                                AttributeType.builder().name("email_verified").value("true").build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    }

    private static boolean signsInWithPassword(String username, String password) {
        try {
            client.adminInitiateAuth(b -> b.userPoolId(cognito.userPoolId()).clientId(appClientId)
                    .authFlow("ADMIN_USER_PASSWORD_AUTH").authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
            return true;
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException e) {
            return false;
        }
    }

    private static String victimSubUsername(String sub) {
        return client.listUsers(b -> b.userPoolId(cognito.userPoolId()).filter("sub = \"" + sub + "\"")).users().get(0).username();
    }

    private static int withAddress(String email) {
        return client.listUsers(b -> b.userPoolId(cognito.userPoolId()).filter("email = \"" + email + "\"")).users().size();
    }

    private static AdminGetUserResponse get(String username) {
        return client.adminGetUser(b -> b.userPoolId(cognito.userPoolId()).username(username));
    }

    private static Map<String, String> attributes(String username) {
        return get(username).userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }
}

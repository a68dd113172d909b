package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.MirrorChange;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.UserMirror;
import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.CognitoLocal;
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
    private static CognitoIdentityProviderClient client;
    private static UserMirror mirror;

    @BeforeAll
    static void startCognito() {
        StackSettings settings = StackSettings.fromSystemProperties();
        cognito = CognitoLocal.start(settings.projectDir(), settings.workDir(), FreePort.next());
        client = CognitoLocal.client(cognito.endpoint());
        mirror = new CognitoUserMirror(client, cognito.userPoolId());
    }

    @AfterAll
    static void stopCognito() {
        if (client != null) {
            client.close();
        }
        if (cognito != null) {
            cognito.close();
        }
    }

    @Test
    void aNewUserIsCreatedWithAVerifiedAddressAndNames() {
        MirroredUser user = user("Ann", "Lee", true);
        MirrorResult result = mirror.sync(user);
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
        String sub = mirror.sync(user).sub();
        assertEquals(MirrorChange.UNCHANGED, mirror.sync(linked(user, sub)).change());
    }

    @Test
    void anExistingPoolUserWithTheSameAddressIsAdoptedNotDuplicated() {
        String email = "adopt-" + UUID.randomUUID() + "@example.com";
        String sub = client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username("legacy-" + UUID.randomUUID())
                .messageAction("SUPPRESS").userAttributes(AttributeType.builder().name("email").value(email).build()))
                .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        MirrorResult result = mirror.sync(new MirroredUser("kc-1", email, email, Map.of(), true, Optional.empty()));
        assertEquals(MirrorChange.ADOPTED, result.change());
        assertEquals(sub, result.sub());
        assertEquals(1, client.listUsers(b -> b.userPoolId(cognito.userPoolId()).filter("email = \"" + email + "\"")).users().size());
    }

    @Test
    void aUsernameThatAlreadyExistsIsTakenOverSoARepeatedCreateIsIdempotent() {
        MirroredUser user = user("Ann", "Lee", true);
        client.adminCreateUser(b -> b.userPoolId(cognito.userPoolId()).username(user.username()).messageAction("SUPPRESS"));
        MirrorResult result = mirror.sync(user);
        assertEquals(MirrorChange.ADOPTED, result.change());
        assertEquals(user.email(), attributes(user.username()).get("email"));
    }

    @Test
    void changedAddressAndNamesAreUpdatedAndTheAddressStaysVerified() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user).sub();
        String newEmail = "moved-" + UUID.randomUUID() + "@example.com";
        MirroredUser moved = new MirroredUser(user.userId(), user.username(), newEmail,
                Map.of("given_name", "Anne", "family_name", ""), true, Optional.of(sub));
        assertEquals(MirrorChange.UPDATED, mirror.sync(moved).change());
        Map<String, String> attributes = attributes(user.username());
        assertEquals(newEmail, attributes.get("email"));
        assertEquals("true", attributes.get("email_verified"));
        assertEquals("Anne", attributes.get("given_name"));
        assertFalse(attributes.containsKey("family_name"), "a name Keycloak no longer has is removed");
    }

    @Test
    void disablingAndEnablingFollowKeycloak() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user).sub();
        assertEquals(MirrorChange.DISABLED, mirror.sync(linked(user("Ann", "Lee", false, user), sub)).change());
        assertFalse(get(user.username()).enabled());
        assertEquals(MirrorChange.ENABLED, mirror.sync(linked(user, sub)).change());
        assertTrue(get(user.username()).enabled());
    }

    @Test
    void aDeletedUserIsRemovedAndDeletingAgainIsNotAnError() {
        MirroredUser user = user("Ann", "Lee", true);
        String sub = mirror.sync(user).sub();
        DeletedUser deleted = new DeletedUser(user.userId(), user.username(), Optional.of(sub));
        assertEquals(MirrorChange.DELETED, mirror.delete(deleted));
        assertThrows(UserNotFoundException.class, () -> get(user.username()));
        assertEquals(MirrorChange.ALREADY_ABSENT, mirror.delete(deleted));
    }

    @Test
    void anUnreachablePoolIsARetryableFailure() {
        try (CognitoIdentityProviderClient nowhere = CognitoLocal.client(URI.create("http://127.0.0.1:29239"))) {
            MirrorException e = assertThrows(MirrorException.class,
                    () -> new CognitoUserMirror(nowhere, cognito.userPoolId()).sync(user("Ann", "Lee", true)));
            assertTrue(e.retryable());
        }
    }

    @Test
    void aMissingPoolIsAPermanentFailure() {
        MirrorException e = assertThrows(MirrorException.class,
                () -> new CognitoUserMirror(client, "us-east-1_missing").sync(user("Ann", "Lee", true)));
        assertFalse(e.retryable(), e.getMessage());
    }

    private static MirroredUser user(String given, String family, boolean enabled) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        return new MirroredUser(UUID.randomUUID().toString(), email, email,
                Map.of("given_name", given, "family_name", family), enabled, Optional.empty());
    }

    private static MirroredUser user(String given, String family, boolean enabled, MirroredUser like) {
        return new MirroredUser(like.userId(), like.username(), like.email(),
                Map.of("given_name", given, "family_name", family), enabled, like.sub());
    }

    private static MirroredUser linked(MirroredUser user, String sub) {
        return new MirroredUser(user.userId(), user.username(), user.email(), user.attributes(), user.enabled(), Optional.of(sub));
    }

    private static AdminGetUserResponse get(String username) {
        return client.adminGetUser(b -> b.userPoolId(cognito.userPoolId()).username(username));
    }

    private static Map<String, String> attributes(String username) {
        return get(username).userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }
}

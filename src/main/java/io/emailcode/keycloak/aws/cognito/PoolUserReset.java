package io.emailcode.keycloak.aws.cognito;

import java.security.SecureRandom;
import java.util.Base64;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Makes a pool user that was not the product's start clean once it is linked on proof: a password it carries stops
 * working (replaced by a random permanent one that nobody is told) and every session it has in the pool ends. Whoever
 * created the pool user before the person proved the address keeps nothing of it.
 */
final class PoolUserReset {

    /** 32 random bytes, then one character of each class a pool's password policy may ask for. */
    private static final int RANDOM_BYTES = 32;
    private static final String EVERY_CLASS = "aA1!";

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;
    private final SecureRandom random = new SecureRandom();

    PoolUserReset(CognitoIdentityProviderClient client, String userPoolId, CognitoCalls calls) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = calls;
    }

    void startClean(String username) {
        String password = randomPassword();
        calls.call("AdminSetUserPassword", () -> client.adminSetUserPassword(b -> b.userPoolId(userPoolId).username(username)
                .password(password).permanent(true)));
        calls.call("AdminUserGlobalSignOut", () -> client.adminUserGlobalSignOut(b -> b.userPoolId(userPoolId).username(username)));
    }

    private String randomPassword() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + EVERY_CLASS;
    }
}

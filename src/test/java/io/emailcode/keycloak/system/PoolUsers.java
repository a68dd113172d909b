package io.emailcode.keycloak.system;

import io.emailcode.stack.CognitoLocal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * What the Cognito emulator's user pool holds, read and changed straight in it (not through a counting proxy), as
 * an administrator or an app working on the pool directly would.
 */
final class PoolUsers implements AutoCloseable {

    private final CognitoIdentityProviderClient client;
    private final String poolId;
    private String appClientId;

    PoolUsers(CognitoLocal cognito) {
        this(CognitoLocal.client(cognito.endpoint()), cognito.userPoolId());
    }

    private PoolUsers(CognitoIdentityProviderClient client, String poolId) {
        this.client = client;
        this.poolId = poolId;
    }

    /** A new, empty pool in the emulator (for a realm of its own). */
    static PoolUsers newPool(CognitoLocal cognito, String name) {
        CognitoIdentityProviderClient client = CognitoLocal.client(cognito.endpoint());
        return new PoolUsers(client, client.createUserPool(b -> b.poolName(name)).userPool().id());
    }

    String poolId() {
        return poolId;
    }

    /** The pool user with this address and its attributes (email, email_verified, sub, ...), if there is one. */
    Optional<Map<String, String>> withEmail(String email) {
        return usersWithEmail(email).stream().findFirst().map(PoolUsers::attributes);
    }

    List<UserType> usersWithEmail(String email) {
        return client.listUsers(b -> b.userPoolId(poolId).filter("email = \"" + email + "\"")).users();
    }

    Optional<UserType> bySub(String sub) {
        return client.listUsers(b -> b.userPoolId(poolId).filter("sub = \"" + sub + "\"")).users().stream().findFirst();
    }

    /** A pool user made directly in the pool (as a pool that had people first holds them); returns its sub. */
    String create(String username, Map<String, String> attributes, boolean enabled) {
        UserType user = client.adminCreateUser(b -> b.userPoolId(poolId).username(username).messageAction("SUPPRESS")
                .userAttributes(attributes.entrySet().stream()
                        .map(e -> AttributeType.builder().name(e.getKey()).value(e.getValue()).build()).toList())).user();
        if (!enabled) {
            client.adminDisableUser(b -> b.userPoolId(poolId).username(username));
        }
        return attributes(user).get("sub");
    }

    /**
     * A pool user that signed itself up through an app of the pool and never confirmed ({@code UNCONFIRMED}), yet
     * whose address reads as verified (as a pool with a careless trigger or admin leaves it); returns its sub.
     */
    String signUpUnconfirmed(String username, String email) {
        client.signUp(b -> b.clientId(appClient()).username(username).password("Mallory-1-Password!")
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
        set(username, Map.of("email", email, "email_verified", "true"));
        return client.adminGetUser(b -> b.userPoolId(poolId).username(username)).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
    }

    /** The pool user's {@code UserStatus}. */
    String status(String username) {
        return client.adminGetUser(b -> b.userPoolId(poolId).username(username)).userStatusAsString();
    }

    private synchronized String appClient() {
        if (appClientId == null) {
            appClientId = client.createUserPoolClient(b -> b.userPoolId(poolId).clientName("pool-app")).userPoolClient()
                    .clientId();
        }
        return appClientId;
    }

    void set(String username, Map<String, String> attributes) {
        client.adminUpdateUserAttributes(b -> b.userPoolId(poolId).username(username).userAttributes(attributes.entrySet()
                .stream().map(e -> AttributeType.builder().name(e.getKey()).value(e.getValue()).build()).toList()));
    }

    void disable(String username) {
        client.adminDisableUser(b -> b.userPoolId(poolId).username(username));
    }

    void delete(String username) {
        client.adminDeleteUser(b -> b.userPoolId(poolId).username(username));
    }

    static Map<String, String> attributes(UserType user) {
        return user.attributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    @Override
    public void close() {
        client.close();
    }
}

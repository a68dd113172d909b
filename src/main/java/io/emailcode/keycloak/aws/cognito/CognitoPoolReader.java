package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.PoolDirectory;
import io.emailcode.keycloak.mirror.PoolPage;
import io.emailcode.keycloak.mirror.PooledUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;

/** The pool's read calls: ListUsers with a filter or page by page, and AdminGetUser. */
final class CognitoPoolReader {

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;

    CognitoPoolReader(CognitoIdentityProviderClient client, String userPoolId, CognitoCalls calls) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = calls;
    }

    /** Users whose attribute equals the value, at most {@code limit} (the emulator ignores the limit). */
    List<PooledUser> find(String attribute, String value, int limit) {
        String filter = attribute + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return calls.call("ListUsers", () -> client.listUsers(b -> b.userPoolId(userPoolId).filter(filter).limit(limit)))
                .users().stream().map(u -> pooled(u.username(), u.attributes(), Boolean.TRUE.equals(u.enabled()))).toList();
    }

    Optional<PooledUser> findOne(String attribute, String value) {
        return find(attribute, value, 1).stream().findFirst();
    }

    PoolPage page(Optional<String> token) {
        ListUsersResponse page = calls.call("ListUsers", () -> client.listUsers(b -> {
            b.userPoolId(userPoolId).limit(PoolDirectory.PAGE_SIZE);
            token.ifPresent(b::paginationToken);
        }));
        List<PooledUser> users = page.users().stream()
                .map(u -> pooled(u.username(), u.attributes(), Boolean.TRUE.equals(u.enabled()))).toList();
        return new PoolPage(users, Optional.ofNullable(page.paginationToken()).filter(t -> !t.isEmpty()));
    }

    PooledUser get(String username) {
        var user = calls.call("AdminGetUser", () -> client.adminGetUser(b -> b.userPoolId(userPoolId).username(username)));
        return pooled(user.username(), user.userAttributes(), Boolean.TRUE.equals(user.enabled()));
    }

    static PooledUser pooled(String username, List<AttributeType> attributes, boolean enabled) {
        Map<String, String> values = attributes.stream()
                .collect(Collectors.toMap(AttributeType::name, a -> a.value() == null ? "" : a.value(), (a, b) -> b));
        return new PooledUser(username, values, enabled);
    }
}

package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.PoolDirectory;
import io.emailcode.keycloak.mirror.PoolPage;
import io.emailcode.keycloak.mirror.PooledUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** The pool's read calls: ListUsers with a filter or page by page, and AdminGetUser. */
final class CognitoPoolReader {

    private static final int MAX_FILTERED_PAGES = 5;

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;

    CognitoPoolReader(CognitoIdentityProviderClient client, String userPoolId, CognitoCalls calls) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = calls;
    }

    /**
     * Users whose attribute equals the value, at most {@code limit} (the emulator ignores the limit). A filtered page
     * may hold fewer than the limit and still point to another, so pages are followed, a few at most.
     */
    List<PooledUser> find(String attribute, String value, int limit) {
        String filter = attribute + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<PooledUser> found = new ArrayList<>();
        Optional<String> token = Optional.empty();
        for (int page = 0; page < MAX_FILTERED_PAGES && found.size() < limit; page++) {
            Optional<String> from = token;
            ListUsersResponse response = calls.call("ListUsers", () -> client.listUsers(b -> {
                b.userPoolId(userPoolId).filter(filter).limit(limit);
                from.ifPresent(b::paginationToken);
            }));
            response.users().forEach(u -> found.add(pooled(u)));
            token = Optional.ofNullable(response.paginationToken()).filter(t -> !t.isEmpty());
            if (token.isEmpty()) {
                break;
            }
        }
        return found;
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
                .map(CognitoPoolReader::pooled).toList();
        return new PoolPage(users, Optional.ofNullable(page.paginationToken()).filter(t -> !t.isEmpty()));
    }

    PooledUser get(String username) {
        var user = calls.call("AdminGetUser", () -> client.adminGetUser(b -> b.userPoolId(userPoolId).username(username)));
        return pooled(user.username(), user.userAttributes(), Boolean.TRUE.equals(user.enabled()), user.userStatusAsString());
    }

    static PooledUser pooled(UserType user) {
        return pooled(user.username(), user.attributes(), Boolean.TRUE.equals(user.enabled()), user.userStatusAsString());
    }

    private static PooledUser pooled(String username, List<AttributeType> attributes, boolean enabled, String status) {
        Map<String, String> values = attributes.stream()
                .collect(Collectors.toMap(AttributeType::name, a -> a.value() == null ? "" : a.value(), (a, b) -> b));
        return new PooledUser(username, values, enabled, status == null ? "" : status);
    }
}

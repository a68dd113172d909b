package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.mirror.MirrorChange;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.UserMirror;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The user pool through Cognito's admin API. The only class that knows Cognito's types.
 * A known {@code sub} finds the user in one call; without one, a user with the same address is adopted
 * before anything is created, so a pool that had the person first never gets a duplicate.
 */
public final class CognitoUserMirror implements UserMirror, AutoCloseable {

    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";
    static final String SUB = "sub";

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;

    /** A mirror with its own Cognito client, built once per server and closed with it. */
    public static CognitoUserMirror connect(AwsClientSettings settings, String userPoolId) {
        return new CognitoUserMirror(AwsClients.build(CognitoIdentityProviderClient.builder(), settings), userPoolId);
    }

    CognitoUserMirror(CognitoIdentityProviderClient client, String userPoolId) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = new CognitoCalls(userPoolId);
    }

    @Override
    public MirrorResult sync(MirroredUser user) {
        Optional<PoolUser> bySub = user.sub().flatMap(sub -> findOne(SUB, sub));
        if (bySub.isPresent()) {
            return new MirrorResult(bySub.get().sub(), update(bySub.get(), user, false));
        }
        Optional<PoolUser> byEmail = findOne(EMAIL, user.email());
        if (byEmail.isPresent()) {
            return new MirrorResult(byEmail.get().sub(), update(byEmail.get(), user, true));
        }
        return create(user);
    }

    @Override
    public MirrorChange delete(DeletedUser user) {
        String username = user.sub().flatMap(sub -> findOne(SUB, sub)).map(PoolUser::username).orElse(user.username());
        try {
            calls.call("AdminDeleteUser", () -> client.adminDeleteUser(b -> b.userPoolId(userPoolId).username(username)));
            return MirrorChange.DELETED;
        } catch (UserNotFoundException e) {
            return MirrorChange.ALREADY_ABSENT;
        }
    }

    private MirrorResult create(MirroredUser user) {
        List<AttributeType> attributes = new ArrayList<>();
        attributes.add(attribute(EMAIL, user.email()));
        attributes.add(attribute(EMAIL_VERIFIED, "true"));
        user.attributes().forEach((name, value) -> {
            if (!value.isEmpty()) {
                attributes.add(attribute(name, value));
            }
        });
        UserType created;
        try {
            created = calls.call("AdminCreateUser", () -> client.adminCreateUser(b -> b.userPoolId(userPoolId)
                    .username(user.username()).messageAction(MessageActionType.SUPPRESS).userAttributes(attributes))).user();
        } catch (UsernameExistsException e) {
            // An earlier attempt created it but its answer was lost, or its address changed since: same person.
            PoolUser existing = getByUsername(user.username());
            return new MirrorResult(existing.sub(), update(existing, user, true));
        }
        PoolUser pooled = poolUser(created.username(), created.attributes(), true);
        if (!user.enabled()) {
            disable(pooled.username());
        }
        return new MirrorResult(pooled.sub(), MirrorChange.CREATED);
    }

    /** Sends only what differs; {@code adopted} marks a user that was not linked before. */
    private MirrorChange update(PoolUser current, MirroredUser desired, boolean adopted) {
        List<AttributeType> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (!desired.email().equals(current.attributes().get(EMAIL))
                || !"true".equals(current.attributes().get(EMAIL_VERIFIED))) {
            // Cognito marks a changed address unverified unless email_verified comes in the same call.
            changed.add(attribute(EMAIL, desired.email()));
            changed.add(attribute(EMAIL_VERIFIED, "true"));
        }
        desired.attributes().forEach((name, value) -> {
            String now = current.attributes().get(name);
            if (value.isEmpty() && now != null) {
                removed.add(name);
            } else if (!value.isEmpty() && !value.equals(now)) {
                changed.add(attribute(name, value));
            }
        });
        if (!changed.isEmpty()) {
            calls.call("AdminUpdateUserAttributes", () -> client.adminUpdateUserAttributes(b -> b.userPoolId(userPoolId)
                    .username(current.username()).userAttributes(changed)));
        }
        if (!removed.isEmpty()) {
            calls.call("AdminDeleteUserAttributes", () -> client.adminDeleteUserAttributes(b -> b.userPoolId(userPoolId)
                    .username(current.username()).userAttributeNames(removed)));
        }
        if (current.enabled() != desired.enabled()) {
            if (desired.enabled()) {
                calls.call("AdminEnableUser", () -> client.adminEnableUser(b -> b.userPoolId(userPoolId).username(current.username())));
            } else {
                disable(current.username());
            }
        }
        if (adopted) {
            return MirrorChange.ADOPTED;
        }
        if (current.enabled() != desired.enabled()) {
            return desired.enabled() ? MirrorChange.ENABLED : MirrorChange.DISABLED;
        }
        return changed.isEmpty() && removed.isEmpty() ? MirrorChange.UNCHANGED : MirrorChange.UPDATED;
    }

    private void disable(String username) {
        calls.call("AdminDisableUser", () -> client.adminDisableUser(b -> b.userPoolId(userPoolId).username(username)));
    }

    private Optional<PoolUser> findOne(String attribute, String value) {
        String filter = attribute + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<UserType> users = calls.call("ListUsers", () -> client.listUsers(b -> b.userPoolId(userPoolId)
                .filter(filter).limit(2))).users();
        return users.stream().findFirst().map(u -> poolUser(u.username(), u.attributes(), Boolean.TRUE.equals(u.enabled())));
    }

    private PoolUser getByUsername(String username) {
        var user = calls.call("AdminGetUser", () -> client.adminGetUser(b -> b.userPoolId(userPoolId).username(username)));
        return poolUser(user.username(), user.userAttributes(), Boolean.TRUE.equals(user.enabled()));
    }

    private static PoolUser poolUser(String username, List<AttributeType> attributes, boolean enabled) {
        Map<String, String> values = attributes.stream()
                .collect(Collectors.toMap(AttributeType::name, a -> a.value() == null ? "" : a.value(), (a, b) -> b));
        return new PoolUser(username, values, enabled);
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    @Override
    public void close() {
        client.close();
    }
}

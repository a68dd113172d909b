package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.aws.AwsCallListener;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.mirror.Adoption;
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
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The user pool through Cognito's admin API. The only class that knows Cognito's types.
 * A known {@code sub} finds the user in one call. Without one, a single pool user with the same address is adopted
 * only right after the person proved the address with a code ({@link Adoption}); otherwise it is a conflict for the
 * administrator, never a duplicate and never a silent link. Keycloak's "email verified" is mirrored as it is.
 */
public final class CognitoUserMirror implements UserMirror, AutoCloseable {

    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";
    static final String SUB = "sub";
    private static final Logger LOG = Logger.getLogger(CognitoUserMirror.class);

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;

    /** A mirror with its own Cognito client, built once per server and closed with it. */
    public static CognitoUserMirror connect(AwsClientSettings settings, String userPoolId, AwsCallListener calls) {
        return new CognitoUserMirror(AwsClients.build(CognitoIdentityProviderClient.builder(), settings, calls), userPoolId);
    }

    CognitoUserMirror(CognitoIdentityProviderClient client, String userPoolId) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = new CognitoCalls(userPoolId);
    }

    @Override
    public MirrorResult sync(MirroredUser user, Adoption adoption) {
        Optional<PoolUser> linked = user.sub().flatMap(sub -> findOne(SUB, sub));
        if (linked.isPresent()) {
            return new MirrorResult(linked.get().sub(), update(linked.get(), user, false));
        }
        // Not linked, or the linked pool user is gone: look for pool users that already have the address.
        List<PoolUser> withAddress = find(EMAIL, user.email(), 2);
        if (withAddress.size() > 1) {
            LOG.warnf("Cognito mirror of user %s: %d or more pool users have the address; none is linked", user.userId(),
                    withAddress.size());
            return MirrorResult.conflict();
        }
        if (withAddress.size() == 1) {
            return adoption == Adoption.ON_PROOF
                    ? new MirrorResult(withAddress.get(0).sub(), update(withAddress.get(0), user, true))
                    : MirrorResult.conflict();
        }
        return create(user, adoption);
    }

    @Override
    public MirrorChange delete(DeletedUser user) {
        // Only the pool user we linked is ours to delete: a username or an address may belong to someone else now.
        Optional<PoolUser> linked = user.sub().flatMap(sub -> findOne(SUB, sub));
        if (linked.isEmpty()) {
            return MirrorChange.ALREADY_ABSENT;
        }
        try {
            calls.call("AdminDeleteUser", () -> client.adminDeleteUser(b -> b.userPoolId(userPoolId).username(linked.get().username())));
            return MirrorChange.DELETED;
        } catch (UserNotFoundException e) {
            return MirrorChange.ALREADY_ABSENT;
        }
    }

    private MirrorResult create(MirroredUser user, Adoption adoption) {
        List<AttributeType> attributes = new ArrayList<>();
        attributes.add(attribute(EMAIL, user.email()));
        attributes.add(attribute(EMAIL_VERIFIED, Boolean.toString(user.emailVerified())));
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
            // Ours when the username is the Keycloak user id (an earlier attempt whose answer was lost); a username
            // that is an address may be someone else's pool user, linked only on proof.
            if (adoption != Adoption.ON_PROOF && !user.username().equals(user.userId())) {
                return MirrorResult.conflict();
            }
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
        String verified = Boolean.toString(desired.emailVerified());
        if (!desired.email().equals(current.attributes().get(EMAIL)) || !verified.equals(current.attributes().get(EMAIL_VERIFIED))) {
            // Cognito marks a changed address unverified unless email_verified comes in the same call: always send
            // both, with Keycloak's own flag.
            changed.add(attribute(EMAIL, desired.email()));
            changed.add(attribute(EMAIL_VERIFIED, verified));
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
        return find(attribute, value, 1).stream().findFirst();
    }

    private List<PoolUser> find(String attribute, String value, int limit) {
        String filter = attribute + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return calls.call("ListUsers", () -> client.listUsers(b -> b.userPoolId(userPoolId).filter(filter).limit(limit)))
                .users().stream().map(u -> poolUser(u.username(), u.attributes(), Boolean.TRUE.equals(u.enabled()))).toList();
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

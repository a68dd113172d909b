package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.MirrorChange;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PoolDiff;
import io.emailcode.keycloak.mirror.PooledUser;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * Brings one existing pool user in line with Keycloak, sending only what differs ({@link PoolDiff}): no call at all
 * when nothing does.
 * A pool user deleted meanwhile surfaces as Cognito's {@code UserNotFoundException}.
 */
final class PoolUserUpdate {

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;

    PoolUserUpdate(CognitoIdentityProviderClient client, String userPoolId, CognitoCalls calls) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = calls;
    }

    /** @param adopted marks a pool user that was not linked before */
    MirrorChange apply(PooledUser current, MirroredUser desired, boolean adopted) {
        PoolDiff diff = PoolDiff.between(current, desired);
        if (!diff.set().isEmpty()) {
            List<AttributeType> changed = diff.set().entrySet().stream().map(e -> attribute(e.getKey(), e.getValue())).toList();
            calls.call("AdminUpdateUserAttributes", () -> client.adminUpdateUserAttributes(b -> b.userPoolId(userPoolId)
                    .username(current.username()).userAttributes(changed)));
        }
        if (!diff.remove().isEmpty()) {
            calls.call("AdminDeleteUserAttributes", () -> client.adminDeleteUserAttributes(b -> b.userPoolId(userPoolId)
                    .username(current.username()).userAttributeNames(diff.remove())));
        }
        diff.enable().ifPresent(enable -> {
            if (enable) {
                calls.call("AdminEnableUser", () -> client.adminEnableUser(b -> b.userPoolId(userPoolId).username(current.username())));
            } else {
                disable(current.username());
            }
        });
        return adopted ? MirrorChange.ADOPTED : diff.change();
    }

    void disable(String username) {
        calls.call("AdminDisableUser", () -> client.adminDisableUser(b -> b.userPoolId(userPoolId).username(username)));
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}

package io.emailcode.keycloak.system;

import io.emailcode.stack.CognitoLocal;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/** What the Cognito emulator's user pool holds, read straight from it (not through a counting proxy). */
final class PoolUsers implements AutoCloseable {

    private final CognitoIdentityProviderClient client;
    private final String poolId;

    PoolUsers(CognitoLocal cognito) {
        this.client = CognitoLocal.client(cognito.endpoint());
        this.poolId = cognito.userPoolId();
    }

    /** The pool user with this address and its attributes (email, email_verified, sub, ...), if there is one. */
    Optional<Map<String, String>> withEmail(String email) {
        return client.listUsers(b -> b.userPoolId(poolId).filter("email = \"" + email + "\"")).users().stream().findFirst()
                .map(u -> u.attributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value)));
    }

    @Override
    public void close() {
        client.close();
    }
}

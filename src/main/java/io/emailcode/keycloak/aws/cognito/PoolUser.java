package io.emailcode.keycloak.aws.cognito;

import java.util.Map;

/** A user as the pool holds it, read before deciding what to change. */
record PoolUser(String username, Map<String, String> attributes, boolean enabled) {

    String sub() {
        return attributes.getOrDefault("sub", "");
    }
}

package io.emailcode.keycloak.mirror;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user pool should hold for one Keycloak user: the desired state, never a diff.
 *
 * @param userId     the Keycloak user id (logged; nothing else about the person is)
 * @param username   the pool username to use when the user has to be created
 * @param email      the address
 * @param emailVerified Keycloak's own "email verified", mirrored as {@code email_verified}, never forced
 * @param attributes every optional attribute the realm mirrors ({@code given_name}, {@code family_name}),
 *                   an empty value meaning "Keycloak has none", so the pool's copy is removed
 * @param enabled    whether the person may sign in
 * @param sub        the pool's {@code sub} already linked to the Keycloak user, if any
 */
public record MirroredUser(String userId, String username, String email, boolean emailVerified,
                           Map<String, String> attributes, boolean enabled, Optional<String> sub) {

    public MirroredUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(sub, "sub");
    }
}

package io.emailcode.keycloak.mirror;

import java.util.Objects;
import java.util.Optional;

/**
 * What is needed to remove a user from the pool once the Keycloak user no longer exists.
 *
 * @param userId   the former Keycloak user id, for logs
 * @param username the pool username the user was created with
 * @param sub      the linked {@code sub}, which finds the user even if its username differs (an adopted user)
 */
public record DeletedUser(String userId, String username, Optional<String> sub) {

    public DeletedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(sub, "sub");
    }
}

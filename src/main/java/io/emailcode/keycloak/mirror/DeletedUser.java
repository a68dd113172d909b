package io.emailcode.keycloak.mirror;

import java.util.Objects;
import java.util.Optional;

/**
 * What is needed to remove a user from the pool once the Keycloak user no longer exists: only the pool user with
 * the linked {@code sub} is ever deleted (a username or an address may belong to someone else by now), so nothing
 * else about the person is kept, not even in the queue of pending changes.
 *
 * @param userId the former Keycloak user id, for logs
 * @param sub    the linked {@code sub}; empty when the user was never linked, and then nothing in the pool is ours
 */
public record DeletedUser(String userId, Optional<String> sub) {

    public DeletedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sub, "sub");
    }
}

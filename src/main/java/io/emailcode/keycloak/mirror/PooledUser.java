package io.emailcode.keycloak.mirror;

import java.util.Map;
import java.util.Objects;

/**
 * A user as the pool holds it, read before deciding what to change or whom to import.
 *
 * @param username   the pool username (fixed once created)
 * @param attributes the pool's attributes by name ({@code sub}, {@code email}, {@code email_verified}, names)
 * @param enabled    whether the pool lets the person sign in
 * @param status     the pool's {@code UserStatus} ({@code CONFIRMED}, {@code FORCE_CHANGE_PASSWORD}, {@code UNCONFIRMED},
 *                   ...); empty when the pool did not say
 */
public record PooledUser(String username, Map<String, String> attributes, boolean enabled, String status) {

    public PooledUser {
        Objects.requireNonNull(username, "username");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(status, "status");
    }

    public String sub() {
        return attributes.getOrDefault("sub", "");
    }

    public String email() {
        return attributes.getOrDefault("email", "");
    }

    public boolean emailVerified() {
        return "true".equals(attributes.get("email_verified"));
    }

    /** A pool attribute, empty when the pool has none. */
    public String attribute(String name) {
        return attributes.getOrDefault(name, "");
    }
}

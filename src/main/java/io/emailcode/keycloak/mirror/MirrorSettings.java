package io.emailcode.keycloak.mirror;

import java.util.List;
import java.util.Set;

/**
 * How one realm mirrors its users. Off unless an administrator chose otherwise: users are copied to another
 * system only by choice.
 *
 * @param mode       off, best effort (never in the way of a sign-in) or required (sign-in waits for the pool)
 * @param username   what becomes the pool username of a new pool user
 * @param attributes optional attributes mirrored besides the address
 */
public record MirrorSettings(Mode mode, UsernameStrategy username, Set<String> attributes) {

    /** The only optional attributes offered: the ones a Keycloak user has and every pool accepts. */
    public static final List<String> OPTIONAL_ATTRIBUTES = List.of("given_name", "family_name");

    public enum Mode { OFF, BEST_EFFORT, REQUIRED }

    public enum UsernameStrategy { EMAIL, USER_ID }

    public MirrorSettings {
        attributes = Set.copyOf(attributes);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public String usernameFor(String userId, String email) {
        return username == UsernameStrategy.USER_ID ? userId : email;
    }
}

package io.emailcode.keycloak.mirror;

/**
 * The user pool that follows Keycloak. Every call is idempotent: repeating it after a timeout or a crash
 * converges on the same pool state.
 */
public interface UserMirror {

    /**
     * Makes the pool user match {@code user}: creates it, adopts an existing pool user with the same address,
     * or updates its attributes and enabled state.
     *
     * @throws MirrorException when the pool could not be brought in line
     */
    MirrorResult sync(MirroredUser user);

    /**
     * Removes the user from the pool; a user that is already gone is not an error.
     *
     * @throws MirrorException when the pool could not be reached or refused
     */
    MirrorChange delete(DeletedUser user);
}

package io.emailcode.keycloak.mirror;

/**
 * The user pool that follows Keycloak. Every call is idempotent: repeating it after a timeout or a crash
 * converges on the same pool state.
 */
public interface UserMirror {

    /**
     * Makes the pool user match {@code user}: updates the linked pool user (found by its {@code sub}), creates one,
     * or, when {@code adoption} allows it, links the one pool user that has the address. A linked {@code sub} that
     * the pool no longer has is never replaced by another user with the address.
     *
     * @return the linked {@code sub} and the change; {@link MirrorChange#CONFLICT} (with an empty sub) when pool users
     *         with the address exist that may not be linked
     * @throws MirrorException when the pool could not be brought in line
     */
    MirrorResult sync(MirroredUser user, Adoption adoption);

    /**
     * Brings a pool user already read (a page of the pool) in line with {@code desired}, the Keycloak user linked to
     * its {@code sub}, sending only what differs. A pool user that is gone meanwhile is handled as {@link #sync} does
     * (recreated, or a conflict), never adopted.
     *
     * @throws MirrorException when the pool could not be brought in line
     */
    MirrorResult align(PooledUser current, MirroredUser desired);

    /**
     * Removes the linked pool user (only the one with the linked {@code sub}); a user that is already gone, or was
     * never linked, is not an error.
     *
     * @throws MirrorException when the pool could not be reached or refused
     */
    MirrorChange delete(DeletedUser user);
}

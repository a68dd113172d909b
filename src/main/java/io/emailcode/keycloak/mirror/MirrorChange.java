package io.emailcode.keycloak.mirror;

/** What one mirror call changed in the pool. */
public enum MirrorChange {
    CREATED,
    /**
     * The linked pool user was gone (deleted in the pool) and was created again from Keycloak; its new {@code sub}
     * is linked instead.
     */
    RECREATED,
    /** A pool user with the same address existed and is now linked (only right after a code proof), never duplicated. */
    ADOPTED,
    UPDATED,
    ENABLED,
    DISABLED,
    UNCHANGED,
    DELETED,
    /** A delete found nothing of ours to delete: the pool already agrees. */
    ALREADY_ABSENT,
    /**
     * Nothing was changed: pool users with the address exist that may not be linked (no proof, or more than one).
     * Left for the administrator; the person's next email-code sign-in adopts a single one. Also: the account's
     * {@code sub} names a pool user linked to another account, or one without a link it cannot prove (see
     * {@link LinkedUserPool}); for a delete, nothing was deleted.
     */
    CONFLICT,
    /**
     * Nothing was changed: the change was queued right after a code proved an address the account no longer has
     * (changed before the change was applied). Never applied to the pool user of the new, unproved address.
     */
    DROPPED
}

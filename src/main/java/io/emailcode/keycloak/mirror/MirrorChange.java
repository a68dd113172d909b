package io.emailcode.keycloak.mirror;

/** What one mirror call changed in the pool. */
public enum MirrorChange {
    CREATED,
    /** A pool user with the same address existed and is now linked, never duplicated. */
    ADOPTED,
    UPDATED,
    ENABLED,
    DISABLED,
    UNCHANGED,
    DELETED,
    /** A delete found nothing to delete: the pool already agrees. */
    ALREADY_ABSENT
}

package io.emailcode.keycloak.mirror;

/**
 * Whether a sync may link an existing pool user that has the same address. Only right after the person proved the
 * address with an email code: an address typed by an admin, changed in an event or read in a reconciliation proves
 * nothing, and linking on it would hand that pool user (and what trusts it) to whoever holds the Keycloak account.
 */
public enum Adoption {
    /** The person just proved the address with a code. */
    ON_PROOF,
    /** Anything else: an existing pool user with the address is a conflict for the administrator. */
    NEVER
}

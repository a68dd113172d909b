package io.emailcode.keycloak.flow;

/**
 * Why the step refused or failed, as operators see it in the event's {@code reason} detail. The Keycloak glue
 * maps each to Keycloak's standard event error, so dashboards that know Keycloak's errors see ours too.
 */
public enum Reason {
    /** A wrong code; attempts remain. */
    INVALID_CODE("email_code_invalid"),
    /** A wrong code used the last attempt, or attempts were already used up. */
    ATTEMPTS_EXHAUSTED("email_code_attempts_exhausted"),
    EXPIRED("email_code_expired"),
    /** No live code for this login. */
    NO_CODE("email_code_missing"),
    RESEND_COOLDOWN("email_code_resend_cooldown"),
    SEND_BUDGET_SPENT("email_code_send_budget_spent"),
    /** The address reached its cap of consecutive failures and is locked. */
    FAILURE_CAP("email_code_failure_cap"),
    /** The hourly budget of the mailbox behind the address (all its sub-addresses together) is spent. */
    MAILBOX_BUDGET_SPENT("email_code_mailbox_budget_spent"),
    NETWORK_BUDGET_SPENT("email_code_network_budget_spent"),
    REALM_CEILING("email_code_realm_ceiling"),
    SEND_FAILED("email_code_send_failed"),
    /** Too many emails wait to be sent on this node. */
    SEND_QUEUE_FULL("email_code_send_queue_full"),
    STORE_UNAVAILABLE("email_code_store_unavailable"),
    MISCONFIGURED("email_code_misconfigured"),
    NO_EMAIL("email_code_no_email"),
    /** Keycloak's brute-force detector has locked the account. */
    LOCKED("email_code_locked"),
    /** The account is disabled. */
    DISABLED("email_code_account_disabled"),
    REGISTRATION_FAILED("email_code_registration_failed"),
    /** A right code for an account that never verified its address, in a realm that refuses such sign-ins. */
    UNVERIFIED_ACCOUNT("email_code_unverified_account"),
    MIRROR_UNAVAILABLE("email_code_mirror_unavailable"),
    /** Import on proof could not look the address up in the pool, so no code was sent. */
    POOL_LOOKUP_FAILED("email_code_pool_lookup_failed"),
    /** A right code for a new address that another account holds: the change is refused, shown only now. */
    ADDRESS_TAKEN("email_code_address_taken"),
    /** A right code for a new address the user profile's rules no longer accept (they changed since it was typed). */
    ADDRESS_REFUSED("email_code_address_refused");

    private final String detail;

    Reason(String detail) {
        this.detail = detail;
    }

    /** The value of the event's {@code reason} detail. */
    public String detail() {
        return detail;
    }
}

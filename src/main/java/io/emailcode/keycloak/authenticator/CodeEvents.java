package io.emailcode.keycloak.authenticator;

/**
 * Event errors and details this step adds to Keycloak's LOGIN / LOGIN_ERROR events.
 * Details never carry a code or a full address.
 */
public final class CodeEvents {

    public static final String ERROR_INVALID = "email_code_invalid";
    public static final String ERROR_ATTEMPTS_EXHAUSTED = "email_code_attempts_exhausted";
    public static final String ERROR_EXPIRED = "email_code_expired";
    public static final String ERROR_MISSING = "email_code_missing";
    public static final String ERROR_COOLDOWN = "email_code_resend_cooldown";
    public static final String ERROR_BUDGET_SPENT = "email_code_send_budget_spent";
    public static final String ERROR_SEND_FAILED = "email_code_send_failed";
    public static final String ERROR_STORE_UNAVAILABLE = "email_code_store_unavailable";
    public static final String ERROR_MISCONFIGURED = "email_code_misconfigured";
    public static final String ERROR_NO_EMAIL = "email_code_no_email";
    /** The realm requires the Cognito mirror and the pool could not be reached: sign-in refused. */
    public static final String ERROR_MIRROR_UNAVAILABLE = "email_code_mirror_unavailable";

    /** Masked address (a***@example.com), so support can correlate without the event holding the address. */
    public static final String DETAIL_MASKED_EMAIL = "email_masked";
    /** What the step did: sent, resent, withheld (unknown address) and so on. */
    public static final String DETAIL_STEP = "email_code_step";
    /** What the sign-in did about the Cognito mirror: queued (best effort) or the change (required). */
    public static final String DETAIL_MIRROR = "cognito_mirror";

    private CodeEvents() {
    }
}

package io.emailcode.keycloak.flow;

/** Message keys of the login theme ({@code themes/email-code/login/messages}). Pages show these, never exception text. */
public final class MessageKeys {

    public static final String INVALID = "emailCodeInvalid";
    public static final String ATTEMPTS_EXHAUSTED = "emailCodeAttemptsExhausted";
    public static final String EXPIRED = "emailCodeExpired";
    public static final String MISSING = "emailCodeMissing";
    public static final String RESEND_COOLDOWN = "emailCodeResendCooldown";
    /** Also what an address locked by its failure cap sees, so the two cannot be told apart. */
    public static final String BUDGET_SPENT = "emailCodeBudgetSpent";
    public static final String NETWORK_BUDGET_SPENT = "emailCodeNetworkBudgetSpent";
    public static final String REALM_CEILING = "emailCodeRealmCeiling";
    public static final String SENT = "emailCodeSent";
    public static final String SERVICE_UNAVAILABLE = "emailCodeServiceUnavailable";
    public static final String NO_EMAIL = "emailCodeNoEmail";
    public static final String MISCONFIGURED = "emailCodeMisconfigured";
    public static final String ADDRESS_INVALID = "emailCodeAddressInvalid";
    public static final String REQUIRED = "emailCodeRequired";
    public static final String REGISTRATION_FAILED = "emailCodeRegistrationFailed";
    public static final String MIRROR_UNAVAILABLE = "emailCodeMirrorUnavailable";
    /** The prover owns the address, but its account never verified it and the realm refuses to hand it over. */
    public static final String UNVERIFIED_ACCOUNT = "emailCodeUnverifiedAccount";

    private MessageKeys() {
    }
}

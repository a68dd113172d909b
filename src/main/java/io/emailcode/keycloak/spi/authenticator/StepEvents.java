package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Reason;
import java.util.Optional;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;

/**
 * How the step's outcomes appear in Keycloak's LOGIN / LOGIN_ERROR events: Keycloak's standard error, so
 * dashboards and alerts that know Keycloak's errors see ours, and our specific reason in the {@code reason}
 * detail. Details never carry a code or a full address.
 */
final class StepEvents {

    /** Masked address (a***@example.com), so support can correlate without the event holding the address. */
    static final String DETAIL_MASKED_EMAIL = "email_masked";
    /** What the step did: sent, resent, withheld (nothing may be sent to the address). */
    static final String DETAIL_STEP = "email_code_step";
    /** Where the request came in: the door's purpose (sign-in, app-sign-in, verify-email, update-email). */
    static final String DETAIL_DOOR = "email_code_door";
    /** Which lane served the request: open, or known_browser. */
    static final String DETAIL_LANE = "email_code_lane";
    /** What the sign-in did about the Cognito mirror: queued (best effort) or the change (required). */
    static final String DETAIL_MIRROR = "cognito_mirror";

    private StepEvents() {
    }

    /**
     * Records a refusal or failure on the event.
     *
     * @param lockoutError Keycloak's own error for a locked account, which is more precise than ours
     */
    static void error(EventBuilder event, Reason reason, Optional<String> lockoutError) {
        event.detail(Details.REASON, reason.detail());
        event.error(reason == Reason.LOCKED ? lockoutError.orElse(Errors.USER_TEMPORARILY_DISABLED) : keycloakError(reason));
    }

    static String keycloakError(Reason reason) {
        return switch (reason) {
            case INVALID_CODE, ATTEMPTS_EXHAUSTED -> Errors.INVALID_USER_CREDENTIALS;
            case EXPIRED, NO_CODE -> Errors.EXPIRED_CODE;
            case RESEND_COOLDOWN, SEND_BUDGET_SPENT, MAILBOX_BUDGET_SPENT, NETWORK_BUDGET_SPENT, REALM_CEILING -> Errors.SLOW_DOWN;
            case FAILURE_CAP, LOCKED -> Errors.USER_TEMPORARILY_DISABLED;
            case SEND_FAILED, SEND_QUEUE_FULL, POOL_LOOKUP_FAILED -> Errors.EMAIL_SEND_FAILED;
            case STORE_UNAVAILABLE, MIRROR_UNAVAILABLE -> Errors.GENERIC_AUTHENTICATION_ERROR;
            case MISCONFIGURED -> Errors.INVALID_CONFIG;
            case NO_EMAIL -> Errors.INVALID_EMAIL;
            case DISABLED -> Errors.USER_DISABLED;
            case REGISTRATION_FAILED -> Errors.INVALID_REGISTRATION;
            case UNVERIFIED_ACCOUNT -> Errors.NOT_ALLOWED;
            case ADDRESS_TAKEN -> Errors.EMAIL_IN_USE;
            case ADDRESS_REFUSED -> Errors.INVALID_INPUT;
        };
    }
}

package io.emailcode.keycloak.code;

/** The result of checking a submitted code. */
public enum VerifyOutcome {
    /** Right code, in time, for this login: consumed. */
    ACCEPTED,
    /** Wrong code; attempts remain. */
    WRONG_CODE,
    /** Wrong code and no attempts left, or attempts were already used up: the code is dead. */
    ATTEMPTS_EXHAUSTED,
    /** The code's validity ended. */
    EXPIRED,
    /** No live code for this address, or the code belongs to another login. */
    NO_CODE
}

package io.emailcode.keycloak.code;

/**
 * The result of checking a typed code. Only outcomes that compared the guess with a live code are
 * {@linkplain #evaluated() evaluated}: only those count as failures anywhere (Keycloak's brute-force detector
 * included), so nobody can run up someone's failures without a live code to guess against.
 */
public enum VerifyOutcome {
    /** Right code, in time, for this login: consumed. */
    ACCEPTED(true),
    /** Wrong code; attempts remain. */
    WRONG_CODE(true),
    /** Wrong code that used the code's last attempt: the code is dead. */
    ATTEMPTS_EXHAUSTED(true),
    /** Wrong code that reached the slot's failure cap: the slot is locked. */
    CAP_REACHED(true),
    /** Not compared: the code has no attempts left. */
    DEAD(false),
    /** Not compared: the code's validity ended. */
    EXPIRED(false),
    /** Not compared: no live code for this login (none issued, used, or replaced). */
    NO_CODE(false),
    /** Not compared: the slot is locked by its failure cap. */
    LOCKED(false);

    private final boolean evaluated;

    VerifyOutcome(boolean evaluated) {
        this.evaluated = evaluated;
    }

    public boolean evaluated() {
        return evaluated;
    }

    /** A compared guess that was wrong. */
    public boolean failure() {
        return evaluated && this != ACCEPTED;
    }
}

package io.emailcode.keycloak.code;

/**
 * Where issued codes live, shared by every node of a Keycloak cluster.
 * Implementations store only keyed hashes and enforce every limit atomically on the store side,
 * so two nodes can never both accept one code or both exceed a send budget.
 * Every method throws {@link CodeStoreUnavailableException} when the store cannot be reached.
 */
public interface CodeStore {

    /**
     * Replaces the slot's code with a new one if the resend cooldown has passed and the hourly
     * send budget allows it. Attempts on the new code start at zero; the slot's failure count
     * is kept.
     */
    IssueOutcome issue(CodeSlot slot, IssuedCode code, SendPolicy policy);

    /**
     * Takes back a code whose email could not be sent, so the person may ask again at once.
     * The send still counts toward the hourly budget. Does nothing if the slot holds another code.
     */
    void withdraw(CodeSlot slot, String codeHash);

    /**
     * Checks a submitted code. Acceptance consumes the code (single use); a wrong code costs one attempt.
     */
    VerifyOutcome verify(CodeSlot slot, String submittedHash, String binding, int maxAttempts);
}

package io.emailcode.keycloak.code;


/**
 * Issuing and checking codes for one realm: generation, hashing and the store, without Keycloak or AWS types.
 * The plain code leaves this class only inside {@link Request.Issued}, to be emailed, and is never stored.
 */
public final class OneTimeCodes {

    private final CodeStore store;
    private final CodeGenerator generator;
    private final CodeHasher hasher;

    public OneTimeCodes(CodeStore store, CodeGenerator generator, CodeHasher hasher) {
        this.store = store;
        this.generator = generator;
        this.hasher = hasher;
    }

    /** What asking for a code gave. */
    public sealed interface Request {
        /** A new code to send; {@link #toString()} does not show it. */
        record Issued(String code, String codeHash) implements Request {
            @Override
            public String toString() {
                return "Issued[code=<redacted>]";
            }
        }

        record Refused(IssueOutcome reason) implements Request {
        }
    }

    public CodeSlot slotFor(String realmId, String normalisedAddress) {
        return new CodeSlot(realmId, hasher.addressKey(normalisedAddress));
    }

    public Request request(CodeSlot slot, String binding, CodePolicy policy) {
        String code = generator.generate(policy.alphabet(), policy.length());
        String hash = hasher.codeHash(slot, binding, code);
        IssueOutcome outcome = store.issue(slot, new IssuedCode(hash, binding, policy.validity()), policy.sending());
        return outcome instanceof IssueOutcome.Issued ? new Request.Issued(code, hash) : new Request.Refused(outcome);
    }

    /** Gives back a code that could not be delivered, so the person can ask again without waiting. */
    public void withdraw(CodeSlot slot, String codeHash) {
        store.withdraw(slot, codeHash);
    }

    public VerifyOutcome check(CodeSlot slot, String binding, String typed, CodePolicy policy) {
        String code = policy.alphabet().candidate(typed, policy.length());
        return store.verify(slot, hasher.codeHash(slot, binding, code), binding, policy.maxAttempts());
    }
}

package io.emailcode.keycloak.code;

import java.util.Objects;
import java.util.Optional;

/**
 * Issuing and checking codes: generation, hashing and the store, without Keycloak or AWS types. The plain code
 * leaves this class only inside {@link RequestResult.Issued}, to be emailed, and is never stored.
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

    /** How codes of one flow step are made and limited. */
    public record Policy(CodeAlphabet alphabet, int length, java.time.Duration validity, int maxAttempts,
                         SendPolicy sending, FailurePolicy failures) {

        public Policy {
            Objects.requireNonNull(alphabet, "alphabet");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(sending, "sending");
            Objects.requireNonNull(failures, "failures");
        }
    }

    /** What asking for a code gave. */
    public sealed interface RequestResult {
        /** A new code to send; {@link #toString()} does not show it. */
        record Issued(String code) implements RequestResult {
            @Override
            public String toString() {
                return "Issued[code=<redacted>]";
            }
        }

        record Refused(IssueOutcome reason) implements RequestResult {
        }
    }

    public CodeSlot slotFor(String realmId, String normalisedAddress, Lane lane) {
        return new CodeSlot(realmId, hasher.addressKey(normalisedAddress), lane);
    }

    /** The key of the mailbox behind a normalised address, for its send budget. */
    public String mailboxKeyFor(String normalisedAddress) {
        return hasher.mailboxKeyOf(normalisedAddress);
    }

    /** @param browser for the known-browser lane, its cookie ({@link IssueRequest#browser}) */
    public RequestResult request(CodeSlot slot, String binding, CodeKey key, Policy policy,
                           Optional<IssueRequest.AbuseBudget> abuse, Optional<KnownBrowser> browser) {
        String code = generator.generate(policy.alphabet(), policy.length());
        IssuedCode issued = new IssuedCode(hasher.codeHash(key, slot, binding, code), binding, policy.validity());
        IssueOutcome outcome = store.issue(new IssueRequest(slot, issued, policy.sending(), policy.failures(), abuse,
                browser));
        return outcome instanceof IssueOutcome.Issued ? new RequestResult.Issued(code) : new RequestResult.Refused(outcome);
    }

    /** @param key the key that hashed the live code of this login */
    public VerifyOutcome check(CodeSlot slot, String binding, CodeKey key, String typed, Policy policy) {
        String hash = hasher.codeHash(key, slot, binding, policy.alphabet().candidate(typed, policy.length()));
        return store.verify(new VerifyRequest(slot, hash, binding, policy.maxAttempts(), policy.failures()));
    }
}

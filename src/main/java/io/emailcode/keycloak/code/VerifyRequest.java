package io.emailcode.keycloak.code;

import java.util.Objects;

/**
 * One typed code to check.
 *
 * @param submittedHash the typed code's keyed hash, computed with the key that hashed the live code
 * @param binding       the login the code must belong to
 * @param maxAttempts   guesses a code allows
 * @param failures      the slot's failure cap
 */
public record VerifyRequest(CodeSlot slot, String submittedHash, String binding, int maxAttempts, FailurePolicy failures) {

    public VerifyRequest {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(submittedHash, "submittedHash");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(failures, "failures");
    }
}

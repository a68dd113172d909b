package io.emailcode.keycloak.code;

import java.time.Duration;
import java.util.Objects;

/**
 * How codes are made and limited for one flow step.
 *
 * @param alphabet    the characters codes are made of
 * @param length      characters per code
 * @param validity    how long a code can be used
 * @param maxAttempts wrong entries after which a code is dead
 * @param sending     cooldown and hourly budget of sends per address
 */
public record CodePolicy(CodeAlphabet alphabet, int length, Duration validity, int maxAttempts, SendPolicy sending) {

    public CodePolicy {
        Objects.requireNonNull(alphabet, "alphabet");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(sending, "sending");
    }
}

package io.emailcode.keycloak.config;

import io.emailcode.keycloak.code.CodeAlphabet;
import io.emailcode.keycloak.code.SendPolicy;
import java.time.Duration;

/**
 * The settings of one "Email code" flow step, as a realm administrator configures them.
 * Immutable and already validated: flow code never parses strings.
 */
public record EmailCodeSettings(int codeLength, CodeAlphabet alphabet, Duration validity, int maxAttempts,
                                Duration resendCooldown, int sendsPerHour, boolean autoRegister) {

    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 10;
    public static final Duration MAX_VALIDITY = Duration.ofMinutes(10);

    /** What a step uses when nothing was ever saved. */
    public static final EmailCodeSettings DEFAULTS = new EmailCodeSettings(
            6, CodeAlphabet.DIGITS, Duration.ofMinutes(5), 5, Duration.ofSeconds(30), 5, false);

    public SendPolicy sendPolicy() {
        return new SendPolicy(resendCooldown, sendsPerHour);
    }

    /** Whole minutes for the email text, rounded up so "valid for N minutes" is never an overstatement by more than a minute. */
    public long validityMinutes() {
        return Math.max(1, (validity.toSeconds() + 59) / 60);
    }
}

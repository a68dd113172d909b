package io.emailcode.keycloak.settings;

import io.emailcode.keycloak.code.CodeAlphabet;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.code.SendPolicy;
import java.time.Duration;

/**
 * The settings of one "Email code" flow step, as a realm administrator configures them ({@link StepOptions}).
 * Immutable and already validated: flow code never parses strings.
 */
public record StepSettings(int codeLength, CodeAlphabet alphabet, Duration validity, int maxAttempts,
                           Duration resendCooldown, int sendsPerHour, boolean autoRegister) {

    /** What a step uses when nothing was ever saved. */
    public static final StepSettings DEFAULTS = StepOptions.read(null).value();

    /** How this step makes and limits codes, under the realm's failure cap. */
    public OneTimeCodes.Policy policy(FailurePolicy failures) {
        return new OneTimeCodes.Policy(alphabet, codeLength, validity, maxAttempts,
                new SendPolicy(resendCooldown, sendsPerHour), failures);
    }

    /** Whole minutes for the email text, rounded up so "valid for N minutes" is never an overstatement by more than a minute. */
    public long validityMinutes() {
        return Math.max(1, (validity.toSeconds() + 59) / 60);
    }
}

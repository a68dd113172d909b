package io.emailcode.keycloak.settings;

import io.emailcode.keycloak.code.CodeAlphabet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The "Email code" step's settings as the admin console shows them. Every value is a choice list, so the
 * console can only save valid values; anything else (a hand-edited import) is reported when the step runs.
 */
public final class StepOptions {

    public static final IntOption CODE_LENGTH = IntOption.oneOf("code.length", "Code length",
            "Number of characters in a code.", 6, 6, 7, 8, 9, 10);
    public static final ChoiceOption<CodeAlphabet> CODE_ALPHABET = new ChoiceOption<>("code.alphabet", "Code characters",
            "DIGITS: 0-9. ALPHANUMERIC: upper-case letters and digits without look-alikes (no 0/O, 1/I).",
            CodeAlphabet.class, CodeAlphabet.DIGITS);
    public static final IntOption VALIDITY_SECONDS = IntOption.oneOf("code.validity.seconds", "Code validity (seconds)",
            "How long a code can be used. At most 600 seconds (10 minutes).", 300, 60, 120, 180, 300, 420, 600);
    public static final IntOption MAX_ATTEMPTS = IntOption.oneOf("code.max.attempts", "Attempts per code",
            "Wrong entries after which a code stops working and a new one must be requested. "
                    + "Wrong entries also count toward the realm's brute-force detection.", 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    public static final IntOption RESEND_COOLDOWN_SECONDS = IntOption.oneOf("resend.cooldown.seconds",
            "Resend cooldown (seconds)", "Minimum time between two codes for one address.", 30, 0, 15, 30, 60, 120, 300);
    public static final IntOption SENDS_PER_HOUR = IntOption.oneOf("sends.per.hour", "Codes per address per hour",
            "Hourly budget of code emails per address, counted across the whole cluster. "
                    + "Protects inboxes and the email bill.", 5, 1, 2, 3, 5, 10, 20, 50, 100);
    public static final FlagOption AUTO_REGISTER = new FlagOption("auto.register", "Register unknown addresses",
            "Off: an address without an account gets the same page but no email. "
                    + "On: a code is sent and, once entered, an account is created with the address verified.", false);

    public static final List<Option<?>> ALL = List.of(CODE_LENGTH, CODE_ALPHABET, VALIDITY_SECONDS, MAX_ATTEMPTS,
            RESEND_COOLDOWN_SECONDS, SENDS_PER_HOUR, AUTO_REGISTER);

    private StepOptions() {
    }

    /** Reads a step's saved config; {@code null} or empty means every default. */
    public static Parsed<StepSettings> read(Map<String, String> saved) {
        SavedValues values = new SavedValues(saved);
        return values.result(new StepSettings(values.get(CODE_LENGTH), values.get(CODE_ALPHABET),
                Duration.ofSeconds(values.get(VALIDITY_SECONDS)), values.get(MAX_ATTEMPTS),
                Duration.ofSeconds(values.get(RESEND_COOLDOWN_SECONDS)), values.get(SENDS_PER_HOUR),
                values.get(AUTO_REGISTER)));
    }
}

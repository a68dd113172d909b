package io.emailcode.keycloak.config;

import io.emailcode.keycloak.code.CodeAlphabet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a step's saved configuration (strings from the admin console or a realm import) into
 * {@link EmailCodeSettings}. Missing or blank values take the default; invalid ones are reported by key,
 * so the admin console's "invalid" and the sign-in page's "misconfigured" name the same thing.
 */
public final class EmailCodeSettingsParser {

    public static final String CODE_LENGTH = "code.length";
    public static final String CODE_ALPHABET = "code.alphabet";
    public static final String VALIDITY_SECONDS = "code.validity.seconds";
    public static final String MAX_ATTEMPTS = "code.max.attempts";
    public static final String RESEND_COOLDOWN_SECONDS = "resend.cooldown.seconds";
    public static final String SENDS_PER_HOUR = "sends.per.hour";
    public static final String AUTO_REGISTER = "auto.register";

    private EmailCodeSettingsParser() {
    }

    /** The outcome of parsing: settings, or the problems that prevent them. */
    public record Result(EmailCodeSettings settings, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Result parse(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>();
        EmailCodeSettings d = EmailCodeSettings.DEFAULTS;

        int length = integer(values, CODE_LENGTH, d.codeLength(), EmailCodeSettings.MIN_LENGTH, EmailCodeSettings.MAX_LENGTH, problems);
        CodeAlphabet alphabet = alphabet(values, d.alphabet(), problems);
        int validity = integer(values, VALIDITY_SECONDS, (int) d.validity().toSeconds(), 10,
                (int) EmailCodeSettings.MAX_VALIDITY.toSeconds(), problems);
        int attempts = integer(values, MAX_ATTEMPTS, d.maxAttempts(), 1, 10, problems);
        int cooldown = integer(values, RESEND_COOLDOWN_SECONDS, (int) d.resendCooldown().toSeconds(), 0, 3600, problems);
        int budget = integer(values, SENDS_PER_HOUR, d.sendsPerHour(), 1, 100, problems);
        boolean autoRegister = bool(values, AUTO_REGISTER, d.autoRegister(), problems);

        EmailCodeSettings settings = new EmailCodeSettings(length, alphabet, Duration.ofSeconds(validity), attempts,
                Duration.ofSeconds(cooldown), budget, autoRegister);
        return new Result(problems.isEmpty() ? settings : null, List.copyOf(problems));
    }

    private static int integer(Map<String, String> values, String key, int fallback, int min, int max, List<String> problems) {
        String raw = text(values, key);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key + " must be a whole number from " + min + " to " + max);
        return fallback;
    }

    private static CodeAlphabet alphabet(Map<String, String> values, CodeAlphabet fallback, List<String> problems) {
        String raw = text(values, CODE_ALPHABET);
        if (raw == null) {
            return fallback;
        }
        try {
            return CodeAlphabet.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(CODE_ALPHABET + " must be DIGITS or ALPHANUMERIC");
            return fallback;
        }
    }

    private static boolean bool(Map<String, String> values, String key, boolean fallback, List<String> problems) {
        String raw = text(values, key);
        if (raw == null) {
            return fallback;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        problems.add(key + " must be true or false");
        return fallback;
    }

    private static String text(Map<String, String> values, String key) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }
}

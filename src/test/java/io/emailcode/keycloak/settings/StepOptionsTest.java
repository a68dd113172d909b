package io.emailcode.keycloak.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeAlphabet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepOptionsTest {

    @Test
    void neverSavedConfigurationGivesSafeDefaults() {
        assertEquals(StepSettings.DEFAULTS, StepOptions.read(null).value());
        assertEquals(StepSettings.DEFAULTS, StepOptions.read(Map.of()).value());
    }

    @Test
    void defaultsFollowTheGuidance() {
        StepSettings d = StepSettings.DEFAULTS;
        assertEquals(6, d.codeLength());
        assertEquals(CodeAlphabet.DIGITS, d.alphabet());
        assertEquals(Duration.ofMinutes(5), d.validity());
        assertEquals(5, d.maxAttempts());
        assertEquals(Duration.ofSeconds(30), d.resendCooldown());
        assertEquals(5, d.sendsPerHour());
        assertFalse(d.autoRegister());
    }

    @Test
    void blankValuesTakeTheDefault() {
        Map<String, String> config = new HashMap<>();
        config.put(StepOptions.CODE_LENGTH.key(), " ");
        config.put(StepOptions.AUTO_REGISTER.key(), "");
        assertEquals(StepSettings.DEFAULTS, StepOptions.read(config).value());
    }

    @Test
    void savedValuesAreUsed() {
        StepSettings s = StepOptions.read(Map.of(
                "code.length", "8", "code.alphabet", "alphanumeric", "code.validity.seconds", "600",
                "code.max.attempts", "3", "resend.cooldown.seconds", "60", "sends.per.hour", "10",
                "auto.register", "true")).value();
        assertEquals(new StepSettings(8, CodeAlphabet.ALPHANUMERIC, Duration.ofMinutes(10), 3,
                Duration.ofMinutes(1), 10, true), s);
        assertEquals(10, s.validityMinutes());
    }

    @Test
    void invalidValuesAreReportedByKeyNotThrown() {
        Parsed<StepSettings> result = StepOptions.read(Map.of(
                "code.length", "5", "code.alphabet", "EMOJI", "code.validity.seconds", "601",
                "code.max.attempts", "many", "sends.per.hour", "0", "auto.register", "yes"));
        assertFalse(result.valid());
        assertEquals(6, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().stream().anyMatch(p -> p.startsWith("code.length must be a whole number from 6 to 10")),
                result.problems().toString());
    }

    @Test
    void whatTheConsoleOffersIsExactlyWhatTheParserAccepts() {
        for (Option<?> option : StepOptions.ALL) {
            for (String choice : option.choices()) {
                assertTrue(StepOptions.read(Map.of(option.key(), choice)).valid(), option.key() + "=" + choice);
            }
            if (option instanceof IntOption number && !number.choices().isEmpty()) {
                List<String> choices = number.choices();
                assertEquals(Integer.parseInt(choices.get(0)), number.min(), option.key());
                assertEquals(Integer.parseInt(choices.get(choices.size() - 1)), number.max(), option.key());
                assertFalse(StepOptions.read(Map.of(option.key(), String.valueOf(number.min() - 1))).valid(), option.key());
                assertFalse(StepOptions.read(Map.of(option.key(), String.valueOf(number.max() + 1))).valid(), option.key());
            }
        }
    }

    @Test
    void theValidityStaysWithinTheTenMinutesNistAllows() {
        assertEquals(600, StepOptions.VALIDITY_SECONDS.max());
        assertEquals(60, StepOptions.VALIDITY_SECONDS.min());
    }
}

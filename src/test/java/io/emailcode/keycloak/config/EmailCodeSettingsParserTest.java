package io.emailcode.keycloak.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.CodeAlphabet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailCodeSettingsParserTest {

    @Test
    void neverSavedConfigurationGivesSafeDefaults() {
        assertEquals(EmailCodeSettings.DEFAULTS, EmailCodeSettingsParser.parse(null).settings());
        assertEquals(EmailCodeSettings.DEFAULTS, EmailCodeSettingsParser.parse(Map.of()).settings());
    }

    @Test
    void defaultsFollowTheGuidance() {
        EmailCodeSettings d = EmailCodeSettings.DEFAULTS;
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
        config.put(EmailCodeSettingsParser.CODE_LENGTH, " ");
        config.put(EmailCodeSettingsParser.AUTO_REGISTER, "");
        assertEquals(EmailCodeSettings.DEFAULTS, EmailCodeSettingsParser.parse(config).settings());
    }

    @Test
    void savedValuesAreUsed() {
        EmailCodeSettings s = EmailCodeSettingsParser.parse(Map.of(
                "code.length", "8", "code.alphabet", "alphanumeric", "code.validity.seconds", "600",
                "code.max.attempts", "3", "resend.cooldown.seconds", "60", "sends.per.hour", "10",
                "auto.register", "true")).settings();
        assertEquals(new EmailCodeSettings(8, CodeAlphabet.ALPHANUMERIC, Duration.ofMinutes(10), 3,
                Duration.ofMinutes(1), 10, true), s);
        assertEquals(10, s.validityMinutes());
    }

    @Test
    void invalidValuesAreReportedByKeyNotThrown() {
        EmailCodeSettingsParser.Result result = EmailCodeSettingsParser.parse(Map.of(
                "code.length", "5", "code.alphabet", "EMOJI", "code.validity.seconds", "601",
                "code.max.attempts", "many", "sends.per.hour", "0", "auto.register", "yes"));
        assertFalse(result.valid());
        assertEquals(6, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).startsWith("code.length"));
    }
}

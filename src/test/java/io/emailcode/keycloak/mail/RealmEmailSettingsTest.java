package io.emailcode.keycloak.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import io.emailcode.keycloak.mail.MailException;

class RealmEmailSettingsTest {

    @Test
    void fromReplyToAndEnvelopeFromAreTakenWithTheirDisplayNames() throws MailException {
        RealmEmailSettings settings = RealmEmailSettings.from(Map.of(
                "from", "noreply@example.com", "fromDisplayName", "Example",
                "replyTo", "help@example.com", "replyToDisplayName", "Help Desk",
                "envelopeFrom", "bounces@example.com",
                "host", "smtp.example.com", "port", "587", "auth", "true"));

        assertEquals("Example <noreply@example.com>", settings.from().headerValue());
        assertEquals("Help Desk <help@example.com>", settings.replyTo().orElseThrow().headerValue());
        assertEquals("bounces@example.com", settings.envelopeFrom().orElseThrow().value());
    }

    @Test
    void blankOptionalFieldsMeanNotSet() throws MailException {
        Map<String, String> config = new HashMap<>();
        config.put("from", "noreply@example.com");
        config.put("replyTo", "");
        config.put("replyToDisplayName", "Ignored without an address");
        config.put("envelopeFrom", null);

        RealmEmailSettings settings = RealmEmailSettings.from(config);

        assertTrue(settings.replyTo().isEmpty());
        assertTrue(settings.envelopeFrom().isEmpty());
    }

    @Test
    void realmThatNeverSavedEmailSettingsGetsAClearError() {
        assertEquals("The from address is missing",
                assertThrows(MailException.class, () -> RealmEmailSettings.from(null)).getMessage());
        assertEquals("The from address is missing",
                assertThrows(MailException.class, () -> RealmEmailSettings.from(Map.of())).getMessage());
    }

    @Test
    void injectedReplyToIsRefusedWithoutEchoingIt() {
        MailException e = assertThrows(MailException.class, () -> RealmEmailSettings.from(Map.of(
                "from", "noreply@example.com", "replyTo", "help@example.com\r\nBcc: mallory@evil.example")));

        assertEquals("The replyTo address is not a single valid mailbox address", e.getMessage());
        assertFalse(e.getMessage().contains("mallory"));
    }
}

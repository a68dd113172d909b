package io.emailcode.keycloak.spi.email;

import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;

import io.emailcode.stack.ReceivedEmail;
import io.emailcode.stack.SesEmulator;
import io.emailcode.stack.StackSettings;

/** The real provider, SDK and HTTP client against the SES emulator on loopback. */
class SesEmailSenderIT {

    private static final int PORT = FreePort.next();
    private static final int STOPPED_PORT = FreePort.next();
    private static final Duration MAIL_WAIT = Duration.ofSeconds(10);
    private static final String FROM_NAME = "Zoë's Café – Anmeldung ✉";
    private static final Map<String, String> REALM = Map.of(
            "from", "noreply@example.com", "fromDisplayName", FROM_NAME,
            "replyTo", "help@example.com", "replyToDisplayName", "Help Desk",
            "host", "smtp.example.com", "port", "25");

    private static StackSettings stack;
    private static SesEmulator emulator;
    private static SesEmailSenderProviderFactory factory;

    @BeforeAll
    static void startEmulatorAndProvider() {
        stack = StackSettings.fromSystemProperties();
        emulator = SesEmulator.start(stack.projectDir(), stack.workDir(), PORT);
        factory = startedFactory(emulator.endpoint().toString());
    }

    @AfterAll
    static void stopAll() {
        if (factory != null) {
            factory.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void emptyInbox() {
        emulator.clear();
    }

    @Test
    void emailArrivesWithEncodedSenderNameReplyToSubjectAndBothBodies() throws Exception {
        String subject = "Ihr Anmeldecode – gültig 5 Minuten";
        String text = "Ihr Code: 493027\nGültig für 5 Minuten.";
        String html = "<p>Ihr Code: <strong>493027</strong></p><p>Gültig für 5 Minuten.</p>";

        factory.create(null).send(REALM, "alice@example.com", subject, text, html);

        ReceivedEmail email = emulator.awaitEmailTo("alice@example.com", MAIL_WAIT);
        assertEquals(List.of("alice@example.com"), email.to());
        assertTrue(email.from().endsWith(" <noreply@example.com>"), email.from());
        assertEquals(FROM_NAME, decodeEncodedWords(email.from().substring(0, email.from().indexOf(" <"))));
        assertEquals(List.of("Help Desk <help@example.com>"), email.replyTo());
        assertEquals(subject, email.subject());
        assertEquals(text, email.text());
        assertEquals(html, email.html());
        assertEquals(1, emulator.inbox().size());
    }

    @Test
    void textOnlyEmailArrivesWithoutHtmlBody() throws Exception {
        factory.create(null).send(Map.of("from", "noreply@example.com"), "bob@example.com", "Code", "493027", null);

        ReceivedEmail email = emulator.awaitEmailTo("bob@example.com", MAIL_WAIT);
        assertEquals("noreply@example.com", email.from());
        assertEquals(List.of(), email.replyTo());
        assertEquals("493027", email.text());
        assertNull(email.html());
    }

    @Test
    void stoppedEmulatorGivesAnEmailExceptionQuickly() {
        SesEmulator.start(stack.projectDir(), stack.workDir(), STOPPED_PORT).close();
        SesEmailSenderProviderFactory unreachable = startedFactory("http://127.0.0.1:" + STOPPED_PORT);
        try {
            EmailSenderProvider provider = unreachable.create(null);
            long started = System.nanoTime();

            EmailException e = assertThrows(EmailException.class,
                    () -> provider.send(REALM, "alice@example.com", "Code", "493027", "<p>493027</p>"));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
            assertTrue(e.getMessage().startsWith("SES could not be reached"), e.getMessage());
            assertTrue(!e.getMessage().contains("alice") && !e.getMessage().contains("493027"), e.getMessage());
        } finally {
            unreachable.close();
        }
    }

    private static SesEmailSenderProviderFactory startedFactory(String endpoint) {
        SesEmailSenderProviderFactory started = new SesEmailSenderProviderFactory();
        started.init(MapConfigScope.of(Map.of("region", "us-east-1", "endpoint", endpoint,
                "max-attempts", "2", "attempt-timeout-ms", "1000", "api-call-timeout-ms", "3000", "rehearsal-seconds", "0")));
        started.postInit(null);
        return started;
    }

    /** What a mail reader shows for an RFC 2047 phrase: each "B" word decoded, the space between words dropped. */
    private static String decodeEncodedWords(String phrase) {
        StringBuilder name = new StringBuilder();
        for (String word : phrase.split(" ")) {
            assertTrue(word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word);
            name.append(new String(Base64.getDecoder().decode(word.substring(10, word.length() - 2)), StandardCharsets.UTF_8));
        }
        return name.toString();
    }
}

package io.emailcode.keycloak.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import io.emailcode.keycloak.mail.MailException;

class MailboxTest {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

    @Test
    void addressWithoutDisplayNameIsTheBareAddress() throws MailException {
        assertEquals("noreply@example.com", mailbox(null).headerValue());
        assertEquals("noreply@example.com", mailbox("  ").headerValue());
    }

    @Test
    void plainAsciiNameStaysReadable() throws MailException {
        assertEquals("Example Support <noreply@example.com>", mailbox("Example Support").headerValue());
    }

    @Test
    void asciiNameWithSpecialCharactersIsQuoted() throws MailException {
        assertEquals("\"Support, \\\"Example\\\" Inc.\" <noreply@example.com>",
                mailbox("Support, \"Example\" Inc.").headerValue());
    }

    @Test
    void nameThatLooksLikeAnAddressCannotChangeTheSender() throws MailException {
        assertEquals("\"ceo@bank.example <ceo@bank.example>\" <noreply@example.com>",
                mailbox("ceo@bank.example <ceo@bank.example>").headerValue());
    }

    @Test
    void nonAsciiNameIsEncodedAsUtf8EncodedWord() throws MailException {
        assertEquals("=?UTF-8?B?Wm/DqyBNw7xsbGVy?= <noreply@example.com>", mailbox("Zoë Müller").headerValue());
    }

    @Test
    void longNonAsciiNameIsSplitIntoShortWordsThatDecodeBackToTheName() throws Exception {
        String name = "Équipe de connexion sécurisée 🔐 de l'Université de Genève – Service informatique";
        String header = mailbox(name).headerValue();

        assertTrue(header.endsWith(" <noreply@example.com>"));
        String phrase = header.substring(0, header.length() - " <noreply@example.com>".length());
        for (String word : phrase.split(" ")) {
            assertTrue(word.length() <= 75, word);
        }
        assertEquals(name, decode(phrase));
    }

    @Test
    void displayNameWithLineBreakIsRefused() {
        MailException e = assertThrows(MailException.class, () -> mailbox("Support\r\nBcc: mallory@evil.example"));
        assertEquals("The fromDisplayName contains line breaks or control characters", e.getMessage());
    }

    private static Mailbox mailbox(String displayName) throws MailException {
        return Mailbox.of(MailAddress.parse("noreply@example.com", "from"), displayName, "fromDisplayName");
    }

    /** Decodes each word on its own, as a mail reader does; a word holding half a character would fail here. */
    private static String decode(String phrase) throws CharacterCodingException {
        StringBuilder decoded = new StringBuilder();
        Matcher word = ENCODED_WORD.matcher(phrase);
        while (word.find()) {
            byte[] bytes = Base64.getDecoder().decode(word.group(1));
            decoded.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)));
        }
        return decoded.toString();
    }
}

package io.emailcode.keycloak.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import io.emailcode.keycloak.mail.MailException;

class MailAddressTest {

    @Test
    void plainAddressIsKeptAsIs() throws MailException {
        assertEquals("Alice.Smith+codes@example.com", MailAddress.parse("Alice.Smith+codes@example.com", "recipient").value());
    }

    @Test
    void surroundingWhitespaceIsIgnoredAndDomainIsLowerCased() throws MailException {
        assertEquals("alice@example.com", MailAddress.parse("  alice@EXAMPLE.com ", "recipient").value());
    }

    @Test
    void internationalDomainIsSentInPunycode() throws MailException {
        assertEquals("info@xn--bcher-kva.example", MailAddress.parse("info@bücher.example", "recipient").value());
    }

    @Test
    void aSharpSDomainIsSentToItselfNotToItsDoubleSNamesake() throws MailException {
        assertEquals("x@xn--fa-hia.de", MailAddress.parse("x@fa\u00df.de", "recipient").value());
        assertEquals("x@xn--3xab.gr", MailAddress.parse("x@\u03c3\u03c2.gr", "recipient").value(), "a final sigma is kept too");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "alice@example.com\r\nBcc: mallory@evil.example",
            "alice@example.com\nBcc: mallory@evil.example",
            "alice@example.com\r",
            "alice@exa\u0000mple.com",
            "alice@example.com, mallory@evil.example",
            "alice@example.com;mallory@evil.example",
            "Alice <alice@example.com>",
            "<alice@example.com>",
            "\"alice\"@example.com",
            "alice(comment)@example.com",
            "alice@example.com (Alice)",
            "al ice@example.com",
            "alice@@example.com",
            "alice@evil.example@example.com",
            ".alice@example.com",
            "alice.@example.com",
            "al..ice@example.com",
            "alice@",
            "@example.com",
            "alice",
            "alice@[127.0.0.1]",
            "alice@-example.com",
            "alice@example..com",
            "zoë@example.com",
    })
    void anythingButOneMailboxIsRefused(String value) {
        assertThrows(MailException.class, () -> MailAddress.parse(value, "recipient"));
    }

    @Test
    void overlongAddressIsRefused() {
        String value = "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(4) + "example";
        assertThrows(MailException.class, () -> MailAddress.parse(value, "recipient"));
    }

    @Test
    void refusalNamesTheRoleButNeverRepeatsTheValue() {
        MailException e = assertThrows(MailException.class,
                () -> MailAddress.parse("alice@example.com\r\nBcc: mallory@evil.example", "recipient"));
        assertEquals("The recipient address is not a single valid mailbox address", e.getMessage());
    }

    @Test
    void missingAddressIsReportedAsMissing() {
        MailException e = assertThrows(MailException.class, () -> MailAddress.parse(" ", "from"));
        assertEquals("The from address is missing", e.getMessage());
    }

    @Test
    void maskedFormShowsOnlyFirstCharacterAndDomain() throws MailException {
        MailAddress address = MailAddress.parse("alice@example.com", "recipient");
        assertEquals("a***@example.com", address.masked());
        assertFalse(address.toString().contains("alice"));
    }
}

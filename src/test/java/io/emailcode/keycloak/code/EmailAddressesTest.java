package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertEquals(Optional.of("alice@example.com"), EmailAddresses.normalise("  Alice@Example.COM "));
    }

    @Test
    void implausibleOrDangerousInputIsRefused() {
        for (String bad : new String[]{null, "", "alice", "alice@", "@example.com", "a b@example.com",
                "alice@example", "alice@example.com\r\nBcc: x@y.com", "a@b@example.com", "x".repeat(250) + "@example.com"}) {
            assertTrue(EmailAddresses.normalise(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void maskKeepsTheFirstCharacterAndTheDomain() {
        assertEquals("a***@example.com", EmailAddresses.mask("alice@example.com"));
        assertEquals("***", EmailAddresses.mask("not-an-address"));
    }
}

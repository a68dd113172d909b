package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The codes of RFC 6238's SHA-1 test vectors (Appendix B), cut to the 6 digits Keycloak asks for. */
class TotpTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theRfcsSha1VectorsGiveTheirLastSixDigits() {
        assertEquals("287082", Totp.code(SECRET, 59));
        assertEquals("081804", Totp.code(SECRET, 1111111109));
        assertEquals("050471", Totp.code(SECRET, 1111111111));
        assertEquals("005924", Totp.code(SECRET, 1234567890));
        assertEquals("279037", Totp.code(SECRET, 2000000000));
    }

    @Test
    void oneCodeServesTheWholeThirtySecondStep() {
        assertEquals(Totp.code(SECRET, 1_800_000_000L), Totp.code(SECRET, 1_800_000_029L));
    }
}

package io.emailcode.keycloak.spi.authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the code page writes a wait: as a clock, which needs no plural forms in any language. */
class CodePageTest {

    @Test
    void waitsReadAsMinutesAndSeconds() {
        assertEquals("0:45", CodePage.clock(Duration.ofSeconds(45)));
        assertEquals("0:05", CodePage.clock(Duration.ofSeconds(5)));
        assertEquals("5:00", CodePage.clock(Duration.ofMinutes(5)));
        assertEquals("1:01", CodePage.clock(Duration.ofSeconds(61)));
    }

    @Test
    void aWaitThatIsOverReadsAsNothingLeft() {
        assertEquals("0:00", CodePage.clock(Duration.ofSeconds(-3)));
    }
}

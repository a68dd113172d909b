package io.emailcode.keycloak.spi.authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.settings.ServerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendDelaySettingsTest {

    private static SendDelaySettings read(Map<String, String> options) {
        return SendDelaySettings.from(new ServerOptions(SendDelaySettings.OPTION_PREFIX, options::get));
    }

    @Test
    void emailsLeaveBetweenFiftyMillisecondsAndOneSecondByDefault() {
        SendDelaySettings delay = read(Map.of());
        assertEquals(Duration.ofMillis(50), delay.min());
        assertEquals(Duration.ofSeconds(1), delay.max());
    }

    @Test
    void operatorsCanNarrowTheRange() {
        SendDelaySettings delay = read(Map.of("send-delay-min-ms", "0", "send-delay-max-ms", "100"));
        assertEquals(Duration.ZERO, delay.min());
        assertEquals(Duration.ofMillis(100), delay.max());
    }

    @Test
    void aRangeWhoseLongestDelayIsNotLongerThanItsShortestStopsTheServerNamingBothOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("send-delay-min-ms", "500", "send-delay-max-ms", "500")));
        assertTrue(e.getMessage().contains("--spi-authenticator--email-code--send-delay-max-ms")
                && e.getMessage().contains("--spi-authenticator--email-code--send-delay-min-ms"), e.getMessage());
    }

    @Test
    void aMalformedDelayStopsTheServerNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("send-delay-max-ms", "soon")));
        assertTrue(e.getMessage().contains("--spi-authenticator--email-code--send-delay-max-ms"), e.getMessage());
    }
}

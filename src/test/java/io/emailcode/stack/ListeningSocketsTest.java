package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading Linux's socket tables: which lines listen on a port, and which addresses are loopback ones. */
class ListeningSocketsTest {

    private static final String LISTENING_ON_127_0_0_1 =
            "   3: 0100007F:4E34 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123 1 0 100 0 0 10 0";

    @Test
    void aListeningLineOnThePortGivesItsLocalAddress() {
        assertEquals(Optional.of("0100007F"), ListeningSockets.listeningAddress(LISTENING_ON_127_0_0_1, 0x4E34));
    }

    @Test
    void otherPortsAndConnectionsThatDoNotListenAreNotCounted() {
        assertEquals(Optional.empty(), ListeningSockets.listeningAddress(LISTENING_ON_127_0_0_1, 0x4E35));
        String established = LISTENING_ON_127_0_0_1.replace(" 0A ", " 01 ");
        assertEquals(Optional.empty(), ListeningSockets.listeningAddress(established, 0x4E34));
    }

    @Test
    void loopbackAddressesOfBothFamiliesAreLoopback() {
        assertTrue(ListeningSockets.isLoopback("0100007F"), "127.0.0.1");
        assertTrue(ListeningSockets.isLoopback("0200007F"), "127.0.0.2");
        assertTrue(ListeningSockets.isLoopback("00000000000000000000000001000000"), "::1");
        assertTrue(ListeningSockets.isLoopback("0000000000000000FFFF00000100007F"), "::ffff:127.0.0.1");
    }

    @Test
    void everyInterfaceAndOtherAddressesAreNot() {
        assertFalse(ListeningSockets.isLoopback("00000000"), "0.0.0.0");
        assertFalse(ListeningSockets.isLoopback("00000000000000000000000000000000"), "::");
        assertFalse(ListeningSockets.isLoopback("0A00000A"), "10.0.0.10");
        assertFalse(ListeningSockets.isLoopback("0000000000000000FFFF00000A00000A"), "::ffff:10.0.0.10");
    }
}

package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.emailcode.keycloak.code.ClientNetwork.Prefix;
import io.emailcode.keycloak.code.ClientNetwork.Width;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void anIpv4AddressIsOneNetwork() {
        assertEquals(List.of(new Prefix(Width.NETWORK, "203.0.113.7")), ClientNetwork.of("203.0.113.7"));
        assertEquals(List.of(new Prefix(Width.NETWORK, "203.0.113.7")), ClientNetwork.of(" ::ffff:203.0.113.7 "),
                "an IPv4-mapped IPv6 address is the IPv4 address");
    }

    @Test
    void anIpv6AddressCountsByItsSlash64Slash56AndSlash48() {
        assertEquals(List.of(new Prefix(Width.NETWORK, "2001:db8:1234:5678::/64"),
                        new Prefix(Width.IPV6_56, "2001:db8:1234:5600::/56"),
                        new Prefix(Width.IPV6_48, "2001:db8:1234:0::/48")),
                ClientNetwork.of("2001:db8:1234:5678:9abc:def0:1:2"));
        assertEquals(ClientNetwork.of("2001:db8:1234:5678::1"), ClientNetwork.of("[2001:DB8:1234:5678:ffff::%eth0]"),
                "brackets, case, zone and the host part do not matter");
    }

    @Test
    void everySlash64OfOneSlash56SharesItsSlash56AndSlash48Only() {
        List<Prefix> first = ClientNetwork.of("2001:db8:1234:5600::1");
        List<Prefix> last = ClientNetwork.of("2001:db8:1234:56ff::1");
        List<Prefix> nextSlash56 = ClientNetwork.of("2001:db8:1234:5700::1");
        assertNotEquals(first.get(0), last.get(0));
        assertEquals(first.get(1), last.get(1));
        assertEquals(first.get(2), last.get(2));
        assertNotEquals(first.get(1), nextSlash56.get(1));
        assertEquals(first.get(2), nextSlash56.get(2));
    }

    @Test
    void theSlash64KeepsTheFormEarlierReleasesCountedItBy() {
        // Counters of the current hour survive an upgrade only if the /64's text (and so its key) is unchanged.
        assertEquals("2001:db8:0:1::/64", ClientNetwork.of("2001:db8:0:1::42").get(0).value());
    }

    @Test
    void anythingButALiteralAddressIsNoNetworkAndNeverLookedUp() {
        for (String notAnAddress : new String[] {null, "", "localhost", "example.com", "999.1.1.1.1", "1.2.3", "::g"}) {
            assertEquals(List.of(), ClientNetwork.of(notAnAddress), String.valueOf(notAnAddress));
        }
    }

    @Test
    void aKeyedPrefixKeepsItsWidth() {
        assertEquals(new Prefix(Width.IPV6_56, "key:2001:db8::/56"),
                new Prefix(Width.IPV6_56, "2001:db8::/56").keyed(value -> "key:" + value));
    }
}

package io.emailcode.keycloak.code;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The networks a client address belongs to, as far as send budgets are concerned: an IPv4 address is one network;
 * an IPv6 address counts by its /64 (anyone can use a whole /64, so a budget per IPv6 address would be no budget at
 * all) and by the /56 and the /48 around it, the prefixes providers hand to one household or one site, so a client
 * cannot multiply the /64's budget by the 256 or 65,536 networks it may hold.
 */
public final class ClientNetwork {

    /** The width a budget counts a client at. */
    public enum Width {
        /** An IPv4 address or an IPv6 /64. */
        NETWORK,
        IPV6_56,
        IPV6_48
    }

    /**
     * One network of a client at one width, e.g. {@code 2001:db8:0:100::/56}, or its keyed hash once
     * {@link #keyed keyed}.
     */
    public record Prefix(Width width, String value) {

        public Prefix keyed(UnaryOperator<String> key) {
            return new Prefix(width, key.apply(value));
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z._-]+)?]?");

    private ClientNetwork() {
    }

    /**
     * The networks of a literal address, narrowest first, or none when the text is not one (never a DNS lookup).
     * An IPv4 address (also one written as IPv4-mapped IPv6) is one network; an IPv6 address is three.
     */
    public static List<Prefix> of(String address) {
        if (address == null) {
            return List.of();
        }
        String literal = address.strip();
        if (IPV4.matcher(literal).matches()) {
            return parse(literal).map(ClientNetwork::networks).orElse(List.of());
        }
        if (!IPV6.matcher(literal).matches()) {
            return List.of();
        }
        return parse(literal.replace("[", "").replace("]", "").replaceAll("%.*$", ""))
                .map(ClientNetwork::networks).orElse(List.of());
    }

    private static Optional<InetAddress> parse(String literal) {
        try {
            // Only literals reach here (digits, dots and colons), which getByName parses without any lookup.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static List<Prefix> networks(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return List.of(new Prefix(Width.NETWORK, address.getHostAddress()));
        }
        byte[] bytes = address.getAddress();
        return List.of(new Prefix(Width.NETWORK, prefix(bytes, 64)), new Prefix(Width.IPV6_56, prefix(bytes, 56)),
                new Prefix(Width.IPV6_48, prefix(bytes, 48)));
    }

    /** The first {@code bits} of the address as four hexadecimal groups and the length, e.g. {@code 2001:db8:0:100::/56}. */
    private static String prefix(byte[] address, int bits) {
        byte[] masked = new byte[8];
        System.arraycopy(address, 0, masked, 0, bits / 8);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((masked[i] & 0xff) << 8) | (masked[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/").append(bits).toString();
    }
}

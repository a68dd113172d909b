package io.emailcode.keycloak.code;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network a client address belongs to, as far as send budgets are concerned: an IPv4 address is one network;
 * an IPv6 address counts by its /64 prefix, since anyone can use a whole /64 (so a budget per IPv6 address would
 * be no budget at all).
 */
public final class ClientNetwork {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z._-]+)?]?");

    private ClientNetwork() {
    }

    /** The network of a literal address, or empty when the text is not one (never a DNS lookup). */
    public static Optional<String> of(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String literal = address.strip();
        if (IPV4.matcher(literal).matches()) {
            return parse(literal).map(InetAddress::getHostAddress);
        }
        if (!IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        return parse(literal.replace("[", "").replace("]", "").replaceAll("%.*$", "")).map(ClientNetwork::prefix64);
    }

    private static Optional<InetAddress> parse(String literal) {
        try {
            // Only literals reach here (digits, dots and colons), which getByName parses without any lookup.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String prefix64(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}

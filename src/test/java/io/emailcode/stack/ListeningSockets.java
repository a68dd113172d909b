package io.emailcode.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The addresses the machine's TCP servers listen on, as Linux's {@code /proc/net/tcp} and {@code tcp6} list them:
 * whether a server the stack started can be reached from other machines.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";
    private static final Path IPV4 = Path.of("/proc/net/tcp");
    private static final Path IPV6 = Path.of("/proc/net/tcp6");

    private ListeningSockets() {
    }

    /** Whether this machine lists its sockets where {@link #addressesOn} reads them (Linux). */
    public static boolean readable() {
        return Files.isReadable(IPV4);
    }

    /**
     * The ports among {@code ports} that something listens on beyond loopback, with all their addresses: empty when
     * nothing of them can be reached from another machine.
     */
    public static Map<Integer, List<String>> beyondLoopback(Collection<Integer> ports) {
        Map<Integer, List<String>> beyond = new TreeMap<>();
        for (int port : ports) {
            List<String> addresses = addressesOn(port);
            if (!addresses.stream().allMatch(ListeningSockets::isLoopback)) {
                beyond.put(port, addresses);
            }
        }
        return beyond;
    }

    /** The ports among {@code ports} that something listens on, on any address. */
    public static List<Integer> listenedOn(Collection<Integer> ports) {
        return ports.stream().filter(port -> !addressesOn(port).isEmpty()).toList();
    }

    /** The local addresses listening on {@code port}, in the tables' hexadecimal form (e.g. 0100007F). */
    static List<String> addressesOn(int port) {
        List<String> addresses = new ArrayList<>();
        for (Path table : List.of(IPV4, IPV6)) {
            if (Files.isReadable(table)) {
                try (Stream<String> lines = Files.lines(table)) {
                    lines.skip(1).forEach(line -> listeningAddress(line, port).ifPresent(addresses::add));
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot read " + table, e);
                }
            }
        }
        return addresses;
    }

    /** The local address of a table line when it is a socket listening on {@code port}. */
    static Optional<String> listeningAddress(String line, int port) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 4 || !LISTEN.equals(fields[3])) {
            return Optional.empty();
        }
        int colon = fields[1].lastIndexOf(':');
        boolean onPort = Integer.parseInt(fields[1].substring(colon + 1), 16) == port;
        return onPort ? Optional.of(fields[1].substring(0, colon)) : Optional.empty();
    }

    /**
     * Whether a table's address is a loopback one: 127.0.0.0/8 (stored in host byte order on little-endian machines,
     * so 127 is the last byte), ::1, or 127.0.0.0/8 mapped into IPv6.
     */
    static boolean isLoopback(String hex) {
        String address = hex.toUpperCase(Locale.ROOT);
        return switch (address.length()) {
            case 8 -> address.endsWith("7F");
            case 32 -> address.equals("00000000000000000000000001000000")
                    || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F");
            default -> false;
        };
    }
}

package io.emailcode.keycloak.benchmark;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts for a scenario, handed out in turn as Gatling feeder records ({@code email}, {@code password},
 * {@link #RELEASE}). Going round the whole pool before reusing an address keeps every email-code sign-in past the
 * address's resend cooldown, as long as the pool is larger than the sign-ins per cooldown. An address whose sign-in
 * is still under way is skipped: a second sign-in of it would meet the first one's cooldown and take its email (the
 * inbox keeps the newest code per address), which fails one of the two for a reason of the load, not of the server.
 */
public final class UserPool {

    /** The record's entry that the sign-in runs when it is over, successful or not (a {@link Runnable}). */
    public static final String RELEASE = "releaseAccount";
    /** Longer than any sign-in lasts (the code wait and the request timeouts): a lease not given back is let go then. */
    private static final Duration LEASE = Duration.ofMinutes(3);

    private final List<String> addresses;
    private final String password;
    private final AtomicLong next = new AtomicLong();
    private final boolean once;
    private final Map<String, Long> inFlightSince = new ConcurrentHashMap<>();

    private UserPool(List<String> addresses, String password, boolean once) {
        this.addresses = List.copyOf(addresses);
        this.password = password;
        this.once = once;
    }

    /** Round and round the pool. */
    public static UserPool cycling(List<String> addresses, String password) {
        return new UserPool(addresses, password, false);
    }

    /** Each account once, e.g. for first sign-ins; running dry fails the sign-in that asked. */
    public static UserPool once(List<String> addresses) {
        return new UserPool(addresses, "", true);
    }

    public int size() {
        return addresses.size();
    }

    public List<String> addresses() {
        return addresses;
    }

    Iterator<Map<String, Object>> feeder() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Map.Entry<String, Long> lease = take();
                Runnable release = () -> inFlightSince.remove(lease.getKey(), lease.getValue());
                return Map.of("email", lease.getKey(), "password", password, RELEASE, release);
            }
        };
    }

    /** The next address in turn whose sign-in is not under way, leased (address, lease time) until it is released. */
    Map.Entry<String, Long> take() {
        long now = System.nanoTime();
        for (int tried = 0; tried < addresses.size(); tried++) {
            long index = next.getAndIncrement();
            if (once && index >= addresses.size()) {
                throw new IllegalStateException("the pool of " + addresses.size() + " accounts for first sign-ins ran dry");
            }
            String address = addresses.get((int) (index % addresses.size()));
            Long since = inFlightSince.putIfAbsent(address, now);
            if (since == null || now - since > LEASE.toNanos() && inFlightSince.replace(address, since, now)) {
                return Map.entry(address, now);
            }
        }
        throw new IllegalStateException("all " + addresses.size() + " accounts of the pool are signing in already");
    }

    /** How many addresses are leased now. */
    int inFlight() {
        return inFlightSince.size();
    }
}

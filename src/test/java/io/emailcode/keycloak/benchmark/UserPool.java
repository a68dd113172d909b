package io.emailcode.keycloak.benchmark;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts for a scenario, handed out in turn as Gatling feeder records ({@code email}, {@code password}). Going round
 * the whole pool before reusing an address keeps every email-code sign-in past the address's resend cooldown, as long
 * as the pool is larger than the sign-ins per cooldown.
 */
public final class UserPool {

    private final List<String> addresses;
    private final String password;
    private final AtomicLong next = new AtomicLong();
    private final boolean once;

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
                long index = next.getAndIncrement();
                if (once && index >= addresses.size()) {
                    throw new IllegalStateException("the pool of " + addresses.size() + " accounts for first sign-ins ran dry");
                }
                return Map.of("email", addresses.get((int) (index % addresses.size())), "password", password);
            }
        };
    }
}

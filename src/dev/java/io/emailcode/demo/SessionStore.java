package io.emailcode.demo;

import com.sun.net.httpserver.HttpExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in memory, keyed by a random cookie ({@code HttpOnly; SameSite=Lax}). Idle sessions expire;
 * a sign-in gets a fresh session id so an id planted before the sign-in is worthless after it.
 */
final class SessionStore {

    static final String COOKIE = "demo_session";
    static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

    private final Map<String, DemoSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    SessionStore(Clock clock) {
        this.clock = clock;
    }

    Optional<DemoSession> find(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        if (header == null) {
            return Optional.empty();
        }
        for (String pair : header.split(";")) {
            String[] nameValue = pair.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equals(COOKIE)) {
                DemoSession session = sessions.get(nameValue[1]);
                if (session != null && !expired(session)) {
                    session.touch(clock.instant());
                    return Optional.of(session);
                }
            }
        }
        return Optional.empty();
    }

    DemoSession findOrCreate(HttpExchange exchange) {
        return find(exchange).orElseGet(() -> create(exchange));
    }

    DemoSession create(HttpExchange exchange) {
        sessions.values().removeIf(this::expired);
        DemoSession session = new DemoSession(RandomTokens.next(), clock.instant());
        sessions.put(session.id(), session);
        exchange.getResponseHeaders().add("Set-Cookie",
                COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Lax");
        return session;
    }

    /** After a sign-in: the same browser continues under a new id; the old one is worthless. */
    DemoSession rotate(DemoSession old, HttpExchange exchange) {
        sessions.remove(old.id());
        return create(exchange);
    }

    void remove(DemoSession session, HttpExchange exchange) {
        sessions.remove(session.id());
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }

    private boolean expired(DemoSession session) {
        return session.lastUsed().plus(IDLE_TIMEOUT).isBefore(clock.instant());
    }
}

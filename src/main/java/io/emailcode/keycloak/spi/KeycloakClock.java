package io.emailcode.keycloak.spi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.keycloak.common.util.Time;

/**
 * Keycloak's own time ({@link Time}), as a {@link Clock} for everything of ours that reads the time: code expiry,
 * cooldowns, budgets, locks and browser tokens follow the same clock as Keycloak's sessions and brute-force
 * detection, and tests that move Keycloak's clock move ours with it.
 */
public final class KeycloakClock extends Clock {

    public static final KeycloakClock INSTANCE = new KeycloakClock();

    private KeycloakClock() {
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    @Override
    public long millis() {
        return Time.currentTimeMillis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Keycloak's clock is UTC");
    }
}

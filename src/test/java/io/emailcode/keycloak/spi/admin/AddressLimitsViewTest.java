package io.emailcode.keycloak.spi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.settings.RealmOptions;
import io.emailcode.keycloak.settings.RealmSettings;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Support staff read an address's limits per lane, against the budgets they count toward. */
class AddressLimitsViewTest {

    private static final Instant LOCKED_UNTIL = Instant.parse("2026-12-06T02:15:00Z");
    private static final Instant REVOKED = Instant.parse("2026-12-01T08:00:00.123Z");
    private static final Instant ACCOUNT_REVOKED = Instant.parse("2026-12-03T17:30:00.456Z");
    private static final RealmSettings SETTINGS = RealmOptions.read(Map.of("limits.failures.cap", "7",
            "limits.mailbox.sends.per.hour", "12", "known.browser.days", "0")).value();

    @Test
    void aLockedAddressShowsItsLockFailuresAndSendsPerLaneAgainstTheirBudgets() {
        AddressStanding standing = new AddressStanding(new AddressStanding.Slot(0, 2, Optional.of(LOCKED_UNTIL), 4),
                new AddressStanding.Slot(3, 0, Optional.empty(), 1), 5, Optional.of(REVOKED), Optional.of(ACCOUNT_REVOKED));
        Map<String, Object> view = new AddressLimitsView(standing, SETTINGS, 6).asMap();

        assertEquals(Map.of("failures", 0, "failureCap", 7, "lockedUntil", LOCKED_UNTIL.toEpochMilli(),
                "locksSinceLastSignIn", 2, "sendsThisHour", 4, "sendsPerHour", 6), view.get("open"));
        assertEquals(Map.of("failures", 3, "failureCap", 7, "lockedUntil", 0L, "locksSinceLastSignIn", 0,
                "sendsThisHour", 1, "sendsPerHour", 6, "enabled", false), view.get("knownBrowser"),
                "a budget and cap of its own; off in this realm");
        assertEquals(Map.of("sendsThisHour", 5, "sendsPerHour", 12), view.get("mailbox"));
        assertEquals(REVOKED.toEpochMilli(), view.get("knownBrowsersRevokedAt"));
        assertEquals(ACCOUNT_REVOKED.toEpochMilli(), view.get("accountKnownBrowsersRevokedAt"));
    }

    @Test
    void anAddressTheStoreNeverSawAnswersInTheSameShapeWithZeros() {
        Map<String, Object> held = new AddressLimitsView(new AddressStanding(
                new AddressStanding.Slot(2, 1, Optional.of(LOCKED_UNTIL), 3), AddressStanding.Slot.NONE, 3,
                Optional.of(REVOKED), Optional.of(ACCOUNT_REVOKED)), RealmSettings.DEFAULTS, 5).asMap();
        Map<String, Object> unknown = new AddressLimitsView(AddressStanding.NONE, RealmSettings.DEFAULTS, 5).asMap();

        assertEquals(shape(held), shape(unknown));
        @SuppressWarnings("unchecked")
        Map<String, Object> open = (Map<String, Object>) unknown.get("open");
        assertEquals(0, open.get("failures"));
        assertEquals(0, open.get("sendsThisHour"));
        assertEquals(0L, open.get("lockedUntil"));
        assertEquals(0L, unknown.get("knownBrowsersRevokedAt"));
        assertEquals(0L, unknown.get("accountKnownBrowsersRevokedAt"));
        assertEquals(true, ((Map<?, ?>) unknown.get("knownBrowser")).get("enabled"), "known browsers are on by default");
    }

    /** Every key, nested ones by their path, in order. */
    private static String shape(Map<?, ?> view) {
        StringBuilder keys = new StringBuilder();
        view.forEach((key, value) -> keys.append(key).append(value instanceof Map<?, ?> nested ? "{" + shape(nested) + "}" : "").append(','));
        return keys.toString();
    }
}

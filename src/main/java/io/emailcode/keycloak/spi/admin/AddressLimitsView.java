package io.emailcode.keycloak.spi.admin;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.settings.RealmSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One address's limits as support staff see them (times in epoch milliseconds, 0 when there is none:
 * Keycloak's JSON leaves nulls out): per lane
 * its failures toward the cap, its lock and this clock hour's sends against the address's budget, and the mailbox's
 * sends against its own. The known-browser lane has a budget and a cap of its own, of the same size, and does not
 * count toward the mailbox's; then when known browsers were last revoked, the address's and those of the account that
 * holds it. Every key is always there, so an address the store never saw answers in the same shape.
 *
 * @param sendsPerHour the address's hourly budget in each lane: the sign-in step's
 */
record AddressLimitsView(AddressStanding standing, RealmSettings settings, int sendsPerHour) {

    Map<String, Object> asMap() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("open", lane(standing.open()));
        Map<String, Object> known = lane(standing.knownBrowser());
        known.put("enabled", settings.knownBrowsersEnabled());
        view.put("knownBrowser", known);
        Map<String, Object> mailbox = new LinkedHashMap<>();
        mailbox.put("sendsThisHour", standing.mailboxSendsThisHour());
        mailbox.put("sendsPerHour", settings.abuse().sendsPerMailboxPerHour());
        view.put("mailbox", mailbox);
        view.put("knownBrowsersRevokedAt", millis(standing.browsersRevokedAt()));
        view.put("accountKnownBrowsersRevokedAt", millis(standing.accountBrowsersRevokedAt()));
        return view;
    }

    private Map<String, Object> lane(AddressStanding.Slot slot) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("failures", slot.failures());
        view.put("failureCap", settings.failures().cap());
        view.put("lockedUntil", millis(slot.lockedUntil()));
        view.put("locksSinceLastSignIn", slot.locks());
        view.put("sendsThisHour", slot.sendsThisHour());
        view.put("sendsPerHour", sendsPerHour);
        return view;
    }

    private static long millis(Optional<Instant> time) {
        return time.map(Instant::toEpochMilli).orElse(0L);
    }
}

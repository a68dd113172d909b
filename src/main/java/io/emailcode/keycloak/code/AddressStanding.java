package io.emailcode.keycloak.code;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store holds about one address in a realm, for support staff who look at why a person is kept out: per
 * lane its failures, locks and this clock hour's sends, the mailbox's sends this hour, and when its known browsers
 * were last revoked, the address's and its account's. Never a code or a code's hash. An address the store never saw
 * has {@link #NONE}'s values, so the answer for it looks like any other's.
 *
 * @param browsersRevokedAt        when the address's known browsers were last revoked (an administrator's reset, an
 *                                 address change, a deleted account); cookies issued until then have no lane of their own
 * @param accountBrowsersRevokedAt when the known browsers of the account that holds the address were last revoked,
 *                                 whatever their address (a sign-out everywhere, an administrator's change of the
 *                                 account); empty when never, or when no one account holds the address
 */
public record AddressStanding(Slot open, Slot knownBrowser, int mailboxSendsThisHour,
                              Optional<Instant> browsersRevokedAt, Optional<Instant> accountBrowsersRevokedAt) {

    /** Nothing held. */
    public static final AddressStanding NONE = new AddressStanding(Slot.NONE, Slot.NONE, 0, Optional.empty(),
            Optional.empty());

    public AddressStanding {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(knownBrowser, "knownBrowser");
        Objects.requireNonNull(browsersRevokedAt, "browsersRevokedAt");
        Objects.requireNonNull(accountBrowsersRevokedAt, "accountBrowsersRevokedAt");
    }

    /**
     * One lane's slot.
     *
     * @param failures      consecutive wrong codes toward the failure cap
     * @param locks         locks since the last successful sign-in (the next one lasts longer)
     * @param lockedUntil   the end of the lock in force; empty when there is none
     * @param sendsThisHour codes sent this clock hour, counted against the address's hourly budget
     */
    public record Slot(int failures, int locks, Optional<Instant> lockedUntil, int sendsThisHour) {

        public static final Slot NONE = new Slot(0, 0, Optional.empty(), 0);

        public Slot {
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }
    }
}

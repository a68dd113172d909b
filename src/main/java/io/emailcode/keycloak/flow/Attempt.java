package io.emailcode.keycloak.flow;

import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.CodeKey;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.code.KnownBrowser;
import io.emailcode.keycloak.code.Lane;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One person at a door, as the engine's decisions need them.
 *
 * @param door     where the request came in: a code is bound to its door's purpose
 * @param channel  how its codes reach the person
 * @param realmId  the realm, which keys every limit
 * @param address  the normalised address the code is for
 * @param standing what the address is to Keycloak; from the outside every standing looks exactly like
 *                 {@link Standing#UNKNOWN} until a code arrives
 * @param lane     the open lane, or the lane of a browser that signed in with the address before
 * @param binding  hash of the login (authentication session and tab) a code is bound to
 * @param key      the key that hashes this login's codes
 * @param networks the client's networks, keyed, one per width ({@link ClientNetwork}) for their send budgets; none
 *                 when the client address is not known
 * @param browser  in the known-browser lane, the browser's cookie: the store refuses the lane to a cookie issued
 *                 before the address's or its account's known browsers were revoked
 */
public record Attempt(Door door, Channel channel, String realmId, String address, Standing standing, Lane lane, String binding, CodeKey key,
                      List<ClientNetwork.Prefix> networks, Optional<KnownBrowser> browser) {

    /** An attempt whose lane is not a known browser's (or whose browser's revocation is not checked). */
    public Attempt(Door door, Channel channel, String realmId, String address, Standing standing, Lane lane, String binding, CodeKey key,
                   List<ClientNetwork.Prefix> networks) {
        this(door, channel, realmId, address, standing, lane, binding, key, networks, Optional.empty());
    }

    /**
     * An attempt as a door sees it: the lane is the known browser's when the browser showed a valid cookie for the
     * address; the standing is the signed-in account's (a second factor), or unresolved for a typed address.
     *
     * @param signedIn the account a previous step signed in; empty for a typed address
     * @param browser  the browser's valid cookie for the address, if it showed one
     */
    public static Attempt at(Door door, Channel channel, String realmId, String address, Optional<AccountFacts> signedIn,
                             Optional<KnownBrowser> browser, String binding, CodeKey key, List<ClientNetwork.Prefix> networks) {
        Lane lane = browser.isPresent() ? Lane.KNOWN_BROWSER : Lane.OPEN;
        Standing standing = signedIn.map(account -> Standing.ofSignedIn(account, lane)).orElse(Standing.UNRESOLVED);
        return new Attempt(door, channel, realmId, address, standing, lane, binding, key, networks, browser);
    }

    /** What an address is to Keycloak. */
    public enum Standing {
        /**
         * The address was typed, not found by a previous step: whether an account (or the pool) has it is looked up
         * only off the request thread, where its code is sent or not, and once its code proved right. Every typed
         * address takes this path, so no response depends on what Keycloak has for it.
         */
        UNRESOLVED,
        /** An enabled account has the address: codes are sent, a right code signs in. */
        KNOWN,
        /**
         * An enabled account has the address but never verified it: codes are sent, and a right code does what the
         * realm's {@link UnverifiedAccounts} rule says. Only a typed address has this standing: a user a previous step
         * signed in (a second factor) proved the account already, so proving its address takes nothing from anyone.
         */
        UNVERIFIED,
        /** No account has it, and the realm lets the step register it: codes are sent, a right code registers. */
        REGISTRABLE,
        /**
         * No account has it, and the realm signs in people who exist only in the pool: a code is issued and, off the
         * request thread, sent only when exactly one enabled pool user has the address; a right code imports it.
         */
        IMPORTABLE,
        /** No account has it: nothing is sent. */
        UNKNOWN,
        /** Keycloak's brute-force detector has locked the account: nothing is sent. */
        LOCKED,
        /** The account is disabled: nothing is sent. */
        DISABLED;

        boolean receivesCodes() {
            return this == UNRESOLVED || this == KNOWN || this == UNVERIFIED || this == REGISTRABLE || this == IMPORTABLE;
        }

        /**
         * The standing of the account a previous step signed in. It proved the account already, so proving its
         * address takes nothing from anyone: never {@link #UNVERIFIED}. Keycloak's lockout holds only in a lockable
         * lane.
         */
        static Standing ofSignedIn(AccountFacts account, Lane lane) {
            if (!account.enabled()) {
                return DISABLED;
            }
            return account.lockout().isPresent() && lane.lockable() ? LOCKED : KNOWN;
        }

        /** The standing of a typed address, once it was looked up (off the request thread, or after its proof). */
        static Standing ofTyped(Optional<AccountFacts> account, Lane lane, AddressRules rules) {
            if (account.isEmpty()) {
                return rules.registers() ? REGISTRABLE : rules.importsFromPool() ? IMPORTABLE : UNKNOWN;
            }
            if (!account.get().enabled()) {
                return DISABLED;
            }
            if (account.get().lockout().isPresent() && lane.lockable()) {
                return LOCKED;
            }
            // Whoever set the account up may not own the address: the realm's rule decides what a proof gives.
            return account.get().addressVerified() ? KNOWN : UNVERIFIED;
        }
    }

    public Attempt {
        Objects.requireNonNull(door, "door");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(key, "key");
        networks = List.copyOf(networks);
        Objects.requireNonNull(browser, "browser");
    }

    /** The same person in the open lane: their browser's own lane was revoked. */
    Attempt inOpenLane() {
        return new Attempt(door, channel, realmId, address, standing, Lane.OPEN, binding, key, networks, Optional.empty());
    }

    /** The binding this attempt's codes are issued and checked under: its door's purpose and its login. */
    String boundTo() {
        return door.bind(binding);
    }

    /** For logs and events: {@code a***@example.com}. */
    public String masked() {
        return EmailAddresses.mask(address);
    }
}

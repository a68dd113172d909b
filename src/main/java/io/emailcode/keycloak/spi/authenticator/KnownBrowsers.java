package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.AddressChange;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.KnownBrowser;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Signed in here before": after a successful email-code sign-in, the browser gets a cookie per address
 * ({@code issued-at.account-key.signature}, signed with the realm's address secret), bound to the address and the
 * account it signed into. A browser that shows a valid one gets the address's known-browser lane, which strangers who
 * know only the address cannot reach, unless the store says the address's or the account's known browsers were
 * revoked since (checked inside the code request's own write: nothing is looked up for it). Once a right code proves
 * the address, the cookie is checked against the account too: one issued for another account, or before the account
 * was signed out everywhere, has all of that account's known browsers revoked, so a copy of it stops working even
 * where the realm does not run the product's event listener. The cookie holds no address and no user id, is
 * HTTP-only, limited to the realm's path and expires with the realm's setting.
 */
final class KnownBrowsers {

    private static final Logger LOG = Logger.getLogger(KnownBrowsers.class);
    static final String COOKIE_PREFIX = "KC_EMAIL_CODE_KNOWN_";
    private static final int NAME_KEY_CHARS = 16;

    private final CodeHasher hasher;
    private final CodeStore store;
    private final Clock clock;
    private final Duration lifetime;

    KnownBrowsers(CodeHasher hasher, CodeStore store, Clock clock, Duration lifetime) {
        this.hasher = hasher;
        this.store = store;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * The browser's valid cookie for the address, if it shows one. Whether its address's or account's known browsers
     * were revoked since is the store's to say, inside the code request's own write.
     */
    Optional<KnownBrowser> recognise(KeycloakSession session, RealmModel realm, String addressKey) {
        if (lifetime.isZero()) {
            return Optional.empty();
        }
        Cookie cookie = session.getContext().getHttpRequest().getHttpHeaders().getCookies().get(name(addressKey));
        return cookie == null ? Optional.empty() : parse(realm.getId(), addressKey, cookie.getValue());
    }

    /**
     * An account's address changed: every known-browser cookie of both addresses loses its lane, and this browser's
     * are removed.
     *
     * @throws CodeStoreUnavailableException when the store could not record it (the change must not go on)
     */
    void revoke(KeycloakSession session, RealmModel realm, AddressChange change) {
        for (String address : change.revoked()) {
            String addressKey = hasher.addressKey(address);
            store.revokeBrowsers(realm.getId(), addressKey);
            forget(session, realm, addressKey);
        }
    }

    /** Removes the browser's revoked cookie for the address. */
    void forget(KeycloakSession session, RealmModel realm, String addressKey) {
        session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name(addressKey))
                .value("")
                .path("/realms/" + realm.getName() + "/")
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build());
    }

    /**
     * After a right code signed {@code account} in: a cookie the request came with that speaks for another account,
     * or predates the account's sign-out everywhere, has its account's known browsers revoked; then this browser
     * gets a fresh cookie for the address and the account.
     *
     * @param shown the cookie the request was served by, in the known-browser lane
     */
    void remember(AuthenticationFlowContext context, String addressKey, Optional<KnownBrowser> shown, UserModel account) {
        String accountKey = hasher.accountKey(context.getRealm().getId(), account.getId());
        // The account's not-before is read only for a browser that showed a cookie: most sign-ins have none.
        shown.filter(browser -> browser.staleFor(accountKey, TimeUnit.SECONDS.toMillis(
                        context.getSession().users().getNotBeforeOfUser(context.getRealm(), account))))
                .ifPresent(stale -> revokeStale(context, stale, account));
        if (lifetime.isZero()) {
            return;
        }
        long issuedAt = clock.millis();
        String signature = hasher.browserSignature(context.getRealm().getId(), addressKey, accountKey, issuedAt);
        boolean https = "https".equalsIgnoreCase(context.getSession().getContext().getUri().getBaseUri().getScheme());
        context.getSession().getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name(addressKey))
                .value(issuedAt + "." + accountKey + "." + signature)
                .path("/realms/" + context.getRealm().getName() + "/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()))
                .httpOnly(true)
                .secure(https)
                .sameSite(NewCookie.SameSite.LAX)
                .build());
    }

    /** A store outage keeps the sign-in: the cookie stays revocable by the next trigger and expires anyway. */
    private void revokeStale(AuthenticationFlowContext context, KnownBrowser stale, UserModel account) {
        try {
            store.revokeAccountBrowsers(context.getRealm().getId(), stale.accountKey());
            LOG.infof("A known-browser cookie shown for account %s in realm %s was issued for another account or "
                    + "before it was signed out everywhere: that account's known browsers are revoked",
                    account.getId(), context.getRealm().getName());
        } catch (CodeStoreUnavailableException e) {
            LOG.warnf("A stale known-browser cookie shown for account %s in realm %s was not revoked: %s",
                    account.getId(), context.getRealm().getName(), e.getMessage());
        }
    }

    /** The cookie's content when it is signed for this realm and address and not expired; empty for any other value. */
    private Optional<KnownBrowser> parse(String realmId, String addressKey, String value) {
        String[] parts = value == null ? new String[0] : value.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> issuedAt = number(parts[0]);
        if (issuedAt.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (issuedAt.get() > now || issuedAt.get() + lifetime.toMillis() <= now) {
            return Optional.empty();
        }
        byte[] expected = hasher.browserSignature(realmId, addressKey, parts[1], issuedAt.get())
                .getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.UTF_8))
                ? Optional.of(new KnownBrowser(issuedAt.get(), parts[1])) : Optional.empty();
    }

    private static Optional<Long> number(String number) {
        try {
            return Optional.of(Long.parseLong(number));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String name(String addressKey) {
        return COOKIE_PREFIX + addressKey.substring(0, Math.min(NAME_KEY_CHARS, addressKey.length()));
    }
}

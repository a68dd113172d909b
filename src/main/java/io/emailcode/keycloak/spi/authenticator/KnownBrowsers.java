package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeHasher;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * "Signed in here before": after a successful email-code sign-in, the browser gets a cookie per address
 * ({@code issued-at.signature}, signed with the realm's address secret). A browser that shows a valid one gets
 * the address's known-browser lane, which strangers who know only the address cannot reach. The cookie holds no
 * address, is HTTP-only, limited to the realm's path and expires with the realm's setting.
 */
final class KnownBrowsers {

    static final String COOKIE_PREFIX = "KC_EMAIL_CODE_KNOWN_";
    private static final int NAME_KEY_CHARS = 16;

    private final CodeHasher hasher;
    private final Clock clock;
    private final Duration lifetime;

    KnownBrowsers(CodeHasher hasher, Clock clock, Duration lifetime) {
        this.hasher = hasher;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * When the browser's valid cookie for the address was issued (epoch seconds), if it shows one. Whether the
     * address's known browsers were revoked since is the store's to say, inside the code request's own write.
     */
    OptionalLong recognise(AuthenticationFlowContext context, String addressKey) {
        if (lifetime.isZero()) {
            return OptionalLong.empty();
        }
        Cookie cookie = context.getHttpRequest().getHttpHeaders().getCookies().get(name(addressKey));
        return cookie == null ? OptionalLong.empty() : issuedAt(context.getRealm().getId(), addressKey, cookie.getValue());
    }

    /** Removes the browser's revoked cookie for the address. */
    void forget(AuthenticationFlowContext context, String addressKey) {
        context.getSession().getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name(addressKey))
                .value("")
                .path("/realms/" + context.getRealm().getName() + "/")
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build());
    }

    void remember(AuthenticationFlowContext context, String addressKey) {
        if (lifetime.isZero()) {
            return;
        }
        long issuedAt = clock.instant().getEpochSecond();
        String value = issuedAt + "." + hasher.browserSignature(context.getRealm().getId(), addressKey, issuedAt);
        boolean https = "https".equalsIgnoreCase(context.getSession().getContext().getUri().getBaseUri().getScheme());
        context.getSession().getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name(addressKey))
                .value(value)
                .path("/realms/" + context.getRealm().getName() + "/")
                .maxAge((int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()))
                .httpOnly(true)
                .secure(https)
                .sameSite(NewCookie.SameSite.LAX)
                .build());
    }

    /** The issue time of a cookie signed for this realm and address and not expired; empty for any other value. */
    private OptionalLong issuedAt(String realmId, String addressKey, String value) {
        int dot = value == null ? -1 : value.indexOf('.');
        if (dot <= 0) {
            return OptionalLong.empty();
        }
        Optional<Long> issuedAt = parse(value.substring(0, dot));
        if (issuedAt.isEmpty()) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond();
        if (issuedAt.get() > now || issuedAt.get() + lifetime.toSeconds() <= now) {
            return OptionalLong.empty();
        }
        byte[] expected = hasher.browserSignature(realmId, addressKey, issuedAt.get()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, value.substring(dot + 1).getBytes(StandardCharsets.UTF_8))
                ? OptionalLong.of(issuedAt.get()) : OptionalLong.empty();
    }

    private static Optional<Long> parse(String number) {
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

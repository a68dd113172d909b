package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeKey;
import io.emailcode.keycloak.code.KnownBrowser;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.Attempt.Standing;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Reads who is at the step from Keycloak: the signed-in user's standing (a typed address's is unresolved), the lane
 * (a known browser's, or the open one),
 * the login binding, the code key of this login and the client's network.
 */
final class Attempts {

    /** The id of the key that hashed this login's codes, so a rotation never breaks a code in flight. */
    static final String NOTE_KEY = "email-code.key";

    private final RealmSecrets secrets;
    private final CodeHasher hasher;
    private final KnownBrowsers browsers;

    Attempts(RealmSecrets secrets, CodeHasher hasher, KnownBrowsers browsers) {
        this.secrets = secrets;
        this.hasher = hasher;
        this.browsers = browsers;
    }

    /**
     * Why Keycloak's brute-force detector refuses the user, if it does. For an address without an account the
     * same lookup is made for an id no user has, so both cost the same.
     */
    static Optional<String> lockout(AuthenticationFlowContext context, UserModel user) {
        if (user == null) {
            context.getSession().loginFailures().getUserLoginFailure(context.getRealm(), NO_USER);
            return Optional.empty();
        }
        return Optional.ofNullable(AuthenticatorUtils.getDisabledByBruteForceEventError(context, user));
    }

    private static final String NO_USER = "email-code-no-account";

    /**
     * @param issuing a new code is about to be issued: it is hashed with the active key, which the login remembers
     */
    /** @param lockout what {@link #lockout} answered for {@code user}, read once per request */
    Attempt read(AuthenticationFlowContext context, UserModel user, Optional<String> lockout, String address, boolean issuing) {
        AuthenticationSessionModel login = context.getAuthenticationSession();
        Optional<KnownBrowser> browser = browsers.recognise(context, hasher.addressKey(address));
        Lane lane = browser.isPresent() ? Lane.KNOWN_BROWSER : Lane.OPEN;
        Standing standing = standing(user, lockout);
        if (standing == Standing.LOCKED && !lane.lockable()) {
            standing = Standing.KNOWN;
        }
        CodeKey key = issuing ? secrets.activeCodeKey()
                : Optional.ofNullable(login.getAuthNote(NOTE_KEY)).flatMap(secrets::codeKey).orElseGet(secrets::activeCodeKey);
        if (issuing) {
            login.setAuthNote(NOTE_KEY, key.id());
        }
        List<ClientNetwork.Prefix> networks = ClientNetwork.of(context.getConnection().getRemoteAddr()).stream()
                .map(network -> network.keyed(hasher::networkKey)).toList();
        return new Attempt(context.getRealm().getId(), address, standing, lane, LoginBinding.of(login), key, networks,
                browser);
    }

    /**
     * The standing of the user a previous step signed in (a second factor); a typed address is not looked up here
     * ({@link TypedAddress}), and its request costs the lockout lookup of an id no user has, as the signed-in user's
     * costs theirs.
     */
    private static Standing standing(UserModel user, Optional<String> lockout) {
        if (user == null) {
            return Standing.UNRESOLVED;
        }
        if (!user.isEnabled()) {
            return Standing.DISABLED;
        }
        return lockout.isPresent() ? Standing.LOCKED : Standing.KNOWN;
    }
}

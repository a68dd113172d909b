package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeKey;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.Attempt.Standing;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Reads who is at the step from Keycloak: the address's standing, the lane (a known browser's, or the open one),
 * the login binding, the code key of this login and the client's network.
 */
final class Attempts {

    /** Set by the address form: what Keycloak has for the typed address ({@link Account}). */
    static final String NOTE_ACCOUNT = "email-code.account";
    /** Set by the address form: the id of the account with the typed address, if any. */
    static final String NOTE_ACCOUNT_ID = "email-code.account-id";
    /** The id of the key that hashed this login's codes, so a rotation never breaks a code in flight. */
    static final String NOTE_KEY = "email-code.key";

    /** What the address form found for an address. */
    enum Account { ENABLED, DISABLED, NONE }

    private final RealmSecrets secrets;
    private final CodeHasher hasher;
    private final KnownBrowsers browsers;
    private final boolean importsFromPool;

    /** @param importsFromPool an address without an account may be one only the Cognito pool has (import on proof) */
    Attempts(RealmSecrets secrets, CodeHasher hasher, KnownBrowsers browsers, boolean importsFromPool) {
        this.secrets = secrets;
        this.hasher = hasher;
        this.browsers = browsers;
        this.importsFromPool = importsFromPool;
    }

    /**
     * The person the code is for: the user a previous step signed in (a second factor), or the account the address
     * form found for the typed address, not yet signed in.
     */
    static Optional<UserModel> account(AuthenticationFlowContext context) {
        if (context.getUser() != null) {
            return Optional.of(context.getUser());
        }
        return Optional.ofNullable(context.getAuthenticationSession().getAuthNote(NOTE_ACCOUNT_ID))
                .map(id -> context.getSession().users().getUserById(context.getRealm(), id));
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
    Attempt read(AuthenticationFlowContext context, UserModel user, String address, StepSettings step, boolean issuing) {
        AuthenticationSessionModel login = context.getAuthenticationSession();
        Lane lane = browsers.recognise(context, hasher.addressKey(address)) ? Lane.KNOWN_BROWSER : Lane.OPEN;
        Standing standing = standing(context, user, step);
        if (lane == Lane.KNOWN_BROWSER && standing == Standing.LOCKED) {
            // Strangers' wrong codes lock the account in Keycloak; the owner's own browser is not theirs to lock.
            standing = Standing.KNOWN;
        }
        CodeKey key = issuing ? secrets.activeCodeKey()
                : Optional.ofNullable(login.getAuthNote(NOTE_KEY)).flatMap(secrets::codeKey).orElseGet(secrets::activeCodeKey);
        if (issuing) {
            login.setAuthNote(NOTE_KEY, key.id());
        }
        Optional<String> network = ClientNetwork.of(context.getConnection().getRemoteAddr()).map(hasher::networkKey);
        return new Attempt(context.getRealm().getId(), address, standing, lane, LoginBinding.of(login), key, network);
    }

    private Standing standing(AuthenticationFlowContext context, UserModel user, StepSettings step) {
        if (user == null) {
            lockout(context, null);
        } else {
            if (!user.isEnabled()) {
                return Standing.DISABLED;
            }
            return lockout(context, user).isPresent() ? Standing.LOCKED : Standing.KNOWN;
        }
        String account = context.getAuthenticationSession().getAuthNote(NOTE_ACCOUNT);
        if (Account.DISABLED.name().equals(account)) {
            return Standing.DISABLED;
        }
        // The step registers only where the realm allows people to register at all.
        if (step.autoRegister() && context.getRealm().isRegistrationAllowed()) {
            return Standing.REGISTRABLE;
        }
        // Whether the pool has the address is found out off the request thread, when the code would be sent.
        return importsFromPool ? Standing.IMPORTABLE : Standing.UNKNOWN;
    }
}

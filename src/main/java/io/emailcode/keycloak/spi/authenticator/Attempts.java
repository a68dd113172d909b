package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeKey;
import io.emailcode.keycloak.code.KnownBrowser;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.Channel;
import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Reads who is at a door from Keycloak, for the engine: the signed-in account (a typed address is not looked up),
 * the browser's known-browser cookie, the login binding, the code key of this login and the client's network.
 */
final class Attempts {

    /** The id of the key that hashed this login's codes, so a rotation never breaks a code in flight. */
    static final String NOTE_KEY = "email-code.key";
    private static final String NO_USER = "email-code-no-account";

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

    /**
     * @param door    where the request came in
     * @param user    the account a previous step signed in (a second factor); null for a typed address
     * @param lockout what {@link #lockout} answered for {@code user}, read once per request
     * @param issuing a new code is about to be issued: it is hashed with the active key, which the login remembers
     */
    Attempt read(Door door, KeycloakSession session, AuthenticationSessionModel login, UserModel user,
                 Optional<String> lockout, String address, boolean issuing) {
        RealmModel realm = login.getRealm();
        Optional<KnownBrowser> browser = door.knownBrowserLane()
                ? browsers.recognise(session, realm, hasher.addressKey(address)) : Optional.empty();
        CodeKey key = issuing ? secrets.activeCodeKey()
                : Optional.ofNullable(login.getAuthNote(NOTE_KEY)).flatMap(secrets::codeKey).orElseGet(secrets::activeCodeKey);
        if (issuing) {
            login.setAuthNote(NOTE_KEY, key.id());
        }
        List<ClientNetwork.Prefix> networks = ClientNetwork.of(session.getContext().getConnection().getRemoteAddr()).stream()
                .map(network -> network.keyed(hasher::networkKey)).toList();
        return Attempt.at(door, Channel.EMAIL, realm.getId(), address,
                Optional.ofNullable(user).map(account -> KeycloakAccounts.facts(account, lockout)), browser,
                LoginBinding.of(login), key, networks);
    }
}

package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.flow.AddressRules;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.CodeEngine;
import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepOptions;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;

/**
 * Opens one request of the browser step: reads the step's and the realm's settings, finds the address (the
 * signed-in account's, or the one typed on the previous page), and wires the engine and the applier for it. A
 * request that cannot go on (a broken configuration, no address) is answered here, with its page and event.
 */
final class BrowserRequests {

    private final DoorParts parts;

    BrowserRequests(DoorParts parts) {
        this.parts = parts;
    }

    /**
     * @param issuing the request may issue a code (which is hashed with the realm's active key)
     * @return the request, or empty when it was answered already (a misconfiguration page, or no address)
     */
    Optional<DoorRequest> open(AuthenticationFlowContext context, boolean issuing) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        Parsed<StepSettings> step = StepOptions.read(config == null ? Map.of() : config.getConfig());
        Parsed<RealmSettings> realm = RealmSettingsStore.read(context.getRealm());
        if (Misconfiguration.in(step, realm)) {
            context.challenge(Misconfiguration.answer(context.getRealm(), "Email code step", context.getEvent(), context.form(),
                    step, realm));
            return Optional.empty();
        }
        // The user a previous step signed in (a second factor); a typed address's account is not looked up here.
        UserModel user = context.getUser();
        Optional<String> address = address(context, user);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        RealmSecrets secrets = new RealmSecrets(context.getSession(), context.getRealm());
        CodeHasher hasher = secrets.addressHasher();
        KnownBrowsers browsers = parts.browsers(hasher, realm.value().knownBrowser());
        Optional<String> lockout = Attempts.lockout(context, user);
        boolean app = AppAnswers.servesAnApp(context.getAuthenticationSession());
        Attempt attempt = new Attempts(secrets, hasher, browsers).read(app ? Door.APP_SIGN_IN : Door.BROWSER_SIGN_IN, context.getSession(),
                context.getAuthenticationSession(), user, lockout, address.get(), issuing);
        context.getEvent().detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked());
        if (user != null) {
            context.getEvent().user(user);
        }
        String addressKey = hasher.addressKey(attempt.address());
        PoolImport poolImport = new PoolImport(parts.mirror(), realm.value().mirror(), addressKey);
        KeycloakAccounts accounts = new KeycloakAccounts(context.getSession(), context.getRealm());
        // Not tied to the realm's "User registration" switch, which also opens Keycloak's page with a password.
        AddressRules rules = new AddressRules(step.value().autoRegister(), poolImport.enabled(), realm.value().unverified());
        OutcomeApplier applier = new SignInApplier(context, attempt, user, lockout, step.value(),
                app ? new AppAnswers(context.getAuthenticationSession())
                        : new CodePage(context::form, context.getAuthenticationSession(), attempt, step.value()),
                parts.collaborators(browsers, accounts, addressKey),
                new SignInMirror(parts.mirror(), realm.value().mirror(), attempt.address()), poolImport);
        CodeEngine engine = parts.engine(hasher, rules, accounts);
        return Optional.of(new DoorRequest(engine, attempt, step.value().policy(realm.value().failures()),
                realm.value().abuse(), applier));
    }

    /** The signed-in user's address, or the address typed on the previous page when it has no account. */
    private static Optional<String> address(AuthenticationFlowContext context, UserModel user) {
        if (user != null) {
            Optional<String> address = EmailAddresses.normalise(user.getEmail());
            if (address.isEmpty()) {
                context.getEvent().user(user);
                StepEvents.error(context.getEvent(), Reason.NO_EMAIL, Optional.empty());
                context.challenge(context.form().setError(MessageKeys.NO_EMAIL).createErrorPage(Response.Status.BAD_REQUEST));
            }
            return address;
        }
        String typed = context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        Optional<String> address = EmailAddresses.normalise(typed);
        if (address.isEmpty()) {
            // Nothing to send to: go back to the start of the login rather than leave a dead end.
            StepEvents.error(context.getEvent(), Reason.NO_EMAIL, Optional.empty());
            context.resetFlow();
        }
        return address;
    }
}

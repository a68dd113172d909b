package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.settings.StepSettings;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;

/**
 * The browser step's applier: a wrong code counts toward Keycloak's brute-force detection, and a right one changes
 * the account as the engine decided (claim, registration, import) and signs the person in.
 */
final class SignInApplier extends OutcomeApplier {

    private final AuthenticationFlowContext context;
    private final SignInMirror mirror;
    private final PoolImport poolImport;

    /**
     * @param user the account a previous step signed in (a second factor); null for a typed address
     * @param page the browser's code page, or an app's answers
     */
    SignInApplier(AuthenticationFlowContext context, Attempt attempt, UserModel user, Optional<String> lockoutError,
                  StepSettings settings, DoorPage page, Collaborators with, SignInMirror mirror, PoolImport poolImport) {
        super(context.getSession(), context.getRealm(), attempt, user, lockoutError, settings, page, with);
        this.context = context;
        this.mirror = mirror;
        this.poolImport = poolImport;
    }

    @Override
    EventBuilder event() {
        return context.getEvent();
    }

    @Override
    void show(Response codePage) {
        context.challenge(codePage);
    }

    @Override
    void fail(Response codePage) {
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, codePage);
    }

    @Override
    void proceed(StepOutcome.Action action, UserModel account) {
        switch (action) {
            case SIGN_IN -> signIn(account);
            case CLAIM_AND_SIGN_IN -> {
                AccountClaim.claim(context.getSession(), context.getRealm(), account, attempt.masked());
                signIn(account);
            }
            case REGISTER_AND_SIGN_IN -> registerAndSignIn();
            case IMPORT_AND_SIGN_IN -> importAndSignIn(false);
            case IMPORT_OR_REGISTER_AND_SIGN_IN -> {
                if (!importAndSignIn(true)) {
                    registerAndSignIn();
                }
            }
            default -> throw new IllegalStateException(action + " is not an outcome of the sign-in door");
        }
    }

    private void registerAndSignIn() {
        Registration.register(context, attempt).ifPresentOrElse(this::signIn,
                () -> refuse(Reason.REGISTRATION_FAILED, MessageKeys.REGISTRATION_FAILED));
    }

    /**
     * @param orRegister a registration follows when there is nothing to import
     * @return false when nothing was imported and nothing was answered yet
     */
    private boolean importAndSignIn(boolean orRegister) {
        PoolImport.Result imported = poolImport.importUser(context, attempt);
        switch (imported.outcome()) {
            case IMPORTED -> signIn(imported.user().orElseThrow());
            case POOL_UNAVAILABLE -> refuse(Reason.MIRROR_UNAVAILABLE, MessageKeys.MIRROR_UNAVAILABLE);
            case NOTHING_TO_IMPORT -> {
                if (orRegister) {
                    return false;
                }
                // The pool user was disabled or removed since the code went out: what an unknown address gets.
                apply(StepOutcome.wrongCode());
            }
        }
        return true;
    }

    /**
     * Succeeds naming the one-time-code credential, as Keycloak's OTP form does: from Keycloak 26.6 on, the
     * brute-force detector clears a user's failures only after a sign-in with a credential of a category it
     * counts (password, otp, recovery codes), so without it wrong codes would add up across successful sign-ins.
     */
    private void signIn(UserModel signedIn) {
        context.setUser(signedIn);
        // Keycloak names the sign-in in its LOGIN event by the attempted username, here the typed address: the
        // account's own username instead (the address only where the realm uses addresses as usernames).
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME,
                signedIn.getUsername());
        context.getEvent().user(signedIn);
        if (attempt.door().knownBrowserLane()) {
            with.browsers().remember(context, with.addressKey(), attempt.browser(), signedIn);
        }
        if (mirror.allowsSignIn(context, signedIn, page)) {
            context.success(EmailCodeAuthenticatorFactory.CREDENTIAL_CATEGORY);
        }
    }
}

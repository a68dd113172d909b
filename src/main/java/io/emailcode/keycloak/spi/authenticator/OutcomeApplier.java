package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Notice;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.settings.StepSettings;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.UserModel;

/**
 * Carries out the engine's {@link StepOutcome} at the browser door: hands a code email over, writes the event, shows
 * the page (counting a compared wrong guess as a failure), or changes the account (claim, registration, import) and
 * signs the person in. The only class of the Keycloak glue that reads an outcome, a lane or a standing; the engine
 * made every decision, and nothing here decides.
 */
final class OutcomeApplier {

    private final AuthenticationFlowContext context;
    private final Attempt attempt;
    private final UserModel user;
    private final Optional<String> lockoutError;
    private final StepSettings settings;
    private final CodePage page;
    private final Collaborators with;

    /**
     * What the applier hands work to.
     *
     * @param accounts   the directory the engine asked about a typed address, which holds the accounts it found
     * @param addressKey the address's keyed hash (its known-browser cookie and the pool's memory of absent addresses)
     */
    record Collaborators(CodeEmails emails, KnownBrowsers browsers, SignInMirror mirror, PoolImport poolImport,
                         KeycloakAccounts accounts, String addressKey, StepMetrics metrics) {
    }

    /** @param user the account a previous step signed in (a second factor); null for a typed address */
    OutcomeApplier(AuthenticationFlowContext context, Attempt attempt, UserModel user, Optional<String> lockoutError,
                   StepSettings settings, Collaborators with) {
        this.context = context;
        this.attempt = attempt;
        this.user = user;
        this.lockoutError = lockoutError;
        this.settings = settings;
        this.page = new CodePage(context, attempt, settings);
        this.with = with;
    }

    void apply(StepOutcome decided) {
        StepOutcome outcome = handOver(decided);
        // The signed-in user's outcome, or the account a proved typed address has.
        UserModel account = outcome.account().map(with.accounts()::user).orElse(user);
        Lane lane = outcome.browserRevoked() ? Lane.OPEN : attempt.lane();
        if (outcome.browserRevoked()) {
            with.browsers().forget(context, with.addressKey());
        }
        context.getEvent().detail(StepEvents.DETAIL_LANE, lane.name().toLowerCase(Locale.ROOT));
        outcome.sending().ifPresent(sending -> {
            context.getEvent().detail(StepEvents.DETAIL_STEP, sending.eventValue());
            page.codeIssued();
        });
        if (outcome.countsAsFailure() || account != null) {
            nameInEvent(account);
        }
        outcome.reason().ifPresent(reason -> {
            StepEvents.error(context.getEvent(), reason, lockoutError);
            with.metrics().refusal(reason);
        });
        switch (outcome.action()) {
            case SHOW_CODE_PAGE -> context.challenge(page.show(outcome.notice()));
            case FAIL -> context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page.show(outcome.notice()));
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
        }
    }

    /**
     * The event of a counted failure names the account. For a typed address Keycloak looks its account up for the
     * brute-force count of the failure anyway; without brute-force protection nothing on this path looks it up.
     */
    private void nameInEvent(UserModel account) {
        if (account != null) {
            context.getEvent().user(account);
        } else if (context.getRealm().isBruteForceProtected()) {
            with.accounts().account(attempt.address()).ifPresent(found -> context.getEvent().user(found));
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
        PoolImport.Result imported = with.poolImport().importUser(context, attempt);
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

    /** Hands the code email over (or the empty task of an address that gets none); a full queue is a retry page. */
    private StepOutcome handOver(StepOutcome outcome) {
        if (outcome.sending().isEmpty()) {
            return outcome;
        }
        // The login's language; the mailer prefers the account's own, read off the request thread.
        String locale = context.getSession().getContext().resolveLocale(null).toLanguageTag();
        Optional<CodeEmail> email = outcome.delivery().map(delivery -> new CodeEmail(attempt.realmId(),
                accountId(), attempt.address(), locale, delivery.code(),
                settings.validityMinutes(), attempt.masked(),
                delivery.recipient(), with.addressKey()));
        if (!with.emails().submit(context.getSession(), email)) {
            return StepOutcome.unavailable(Reason.SEND_QUEUE_FULL);
        }
        with.metrics().code(email.isPresent() ? CodeEvent.ISSUED : CodeEvent.WITHHELD);
        return outcome;
    }

    /**
     * The account's id. Not {@code UserModel::getId}: Keycloak 26.7 declares it in an interface older versions lack,
     * and a method reference names the declaring interface (NoClassDefFoundError on 26.4).
     */
    private Optional<String> accountId() {
        return user == null ? Optional.empty() : Optional.of(user.getId());
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
        with.browsers().remember(context, with.addressKey(), attempt.browser(), signedIn);
        if (with.mirror().allowsSignIn(context, signedIn, page)) {
            context.success(EmailCodeAuthenticatorFactory.CREDENTIAL_CATEGORY);
        }
    }

    private void refuse(Reason reason, String messageKey) {
        StepEvents.error(context.getEvent(), reason, Optional.empty());
        context.challenge(page.show(Optional.of(Notice.error(messageKey))));
    }
}

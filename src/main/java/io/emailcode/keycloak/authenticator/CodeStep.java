package io.emailcode.keycloak.authenticator;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.config.EmailCodeSettings;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;

/**
 * One request of the "Email code" step for one recipient: send a code, or check one.
 * Every outcome is a page with a message key, an event, and (for failures) a log line without secrets.
 */
final class CodeStep {

    private static final Logger LOG = Logger.getLogger(CodeStep.class);

    private final AuthenticationFlowContext context;
    private final EmailCodeSettings settings;
    private final CodeRecipient recipient;
    private final OneTimeCodes codes;
    private final CodeSlot slot;
    private final String binding;
    private final CodeMailer mailer;
    private final SendTiming timing;
    private final CodePage page;
    private final SignInMirror signInMirror;

    CodeStep(AuthenticationFlowContext context, EmailCodeSettings settings, CodeRecipient recipient,
             OneTimeCodes codes, CodeMailer mailer, SendTiming timing, SignInMirror signInMirror) {
        this.context = context;
        this.settings = settings;
        this.recipient = recipient;
        this.codes = codes;
        this.slot = codes.slotFor(context.getRealm().getId(), recipient.address());
        this.binding = LoginBinding.of(context.getAuthenticationSession());
        this.mailer = mailer;
        this.timing = timing;
        this.signInMirror = signInMirror;
        this.page = new CodePage(context, recipient.masked(), settings);
        context.getEvent().detail(CodeEvents.DETAIL_MASKED_EMAIL, recipient.masked());
        if (recipient.known()) {
            context.getEvent().user(recipient.user());
        }
    }

    /**
     * Keycloak's lockout for a locked account: its event error, no email, and a message that, like Keycloak's
     * own lockout messages, does not say the account is locked.
     */
    boolean refusedByLockout() {
        if (!recipient.known()) {
            return false;
        }
        String error = AuthenticatorUtils.getDisabledByBruteForceEventError(context, recipient.user());
        if (error == null) {
            return false;
        }
        context.getEvent().error(error);
        context.forceChallenge(page.error(CodeMessages.LOCKED_OUT));
        return true;
    }

    /** Issues and sends a code; {@code resend} only changes the wording of the page. */
    void send(boolean resend) {
        OneTimeCodes.Request request;
        try {
            request = codes.request(slot, binding, settings);
        } catch (CodeStoreUnavailableException e) {
            unavailable(CodeEvents.ERROR_STORE_UNAVAILABLE, "issue", e.getMessage());
            return;
        }
        if (request instanceof OneTimeCodes.Request.Refused refused) {
            refuse(refused.reason(), resend);
            return;
        }
        OneTimeCodes.Request.Issued issued = (OneTimeCodes.Request.Issued) request;
        try {
            deliver(issued.code());
        } catch (EmailException e) {
            withdrawQuietly(issued);
            unavailable(CodeEvents.ERROR_SEND_FAILED, "send", describe(e));
            return;
        }
        context.challenge(resend ? page.info(CodeMessages.SENT) : page.plain());
    }

    /** Checks a typed code and completes the step when it is right. */
    void verify(String typed) {
        if (typed == null || typed.isBlank()) {
            context.challenge(page.fieldError(CodeMessages.REQUIRED));
            return;
        }
        VerifyOutcome outcome;
        try {
            outcome = codes.check(slot, binding, typed, settings);
        } catch (CodeStoreUnavailableException e) {
            unavailable(CodeEvents.ERROR_STORE_UNAVAILABLE, "verify", e.getMessage());
            return;
        }
        switch (outcome) {
            case ACCEPTED -> accept();
            case WRONG_CODE -> fail(CodeEvents.ERROR_INVALID, page.fieldError(CodeMessages.INVALID));
            case ATTEMPTS_EXHAUSTED -> fail(CodeEvents.ERROR_ATTEMPTS_EXHAUSTED, page.error(CodeMessages.ATTEMPTS_EXHAUSTED));
            case EXPIRED -> refuseWithoutGuess(CodeEvents.ERROR_EXPIRED, page.error(CodeMessages.EXPIRED));
            case NO_CODE -> refuseWithoutGuess(CodeEvents.ERROR_MISSING, page.error(CodeMessages.MISSING));
        }
    }

    private void deliver(String code) throws EmailException {
        if (!recipient.known() && !settings.autoRegister()) {
            // Nothing to send to an address without an account; take as long as a send would.
            context.getEvent().detail(CodeEvents.DETAIL_STEP, "withheld");
            timing.waitLikeASend();
            return;
        }
        long started = System.nanoTime();
        mailer.send(context.getRealm(), context.getAuthenticationSession(), recipient, code, settings);
        timing.record(Duration.ofNanos(System.nanoTime() - started));
    }

    private void accept() {
        UserModel user = recipient.known() ? recipient.user() : registerOrFind();
        if (user == null) {
            // The code was never sent to anyone; a match is a guess that must not sign anyone in.
            fail(CodeEvents.ERROR_INVALID, page.fieldError(CodeMessages.INVALID));
            return;
        }
        context.setUser(user);
        if (signInMirror.allowsSignIn(context, user, page)) {
            context.success();
        }
    }

    private UserModel registerOrFind() {
        if (!settings.autoRegister()) {
            return null;
        }
        UserModel existing = context.getSession().users().getUserByEmail(context.getRealm(), recipient.address());
        if (existing != null) {
            return existing;
        }
        UserModel user = context.getSession().users().addUser(context.getRealm(), recipient.address());
        user.setEmail(recipient.address());
        user.setEmailVerified(true);
        user.setEnabled(true);
        context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.REGISTER_METHOD, EmailCodeAuthenticatorFactory.PROVIDER_ID)
                .detail(CodeEvents.DETAIL_MASKED_EMAIL, recipient.masked())
                .success();
        LOG.infof("Registered user %s in realm %s after an email-code sign-in", user.getId(), context.getRealm().getName());
        return user;
    }

    private void refuse(IssueOutcome reason, boolean resend) {
        if (reason instanceof IssueOutcome.CoolingDown cooling) {
            long seconds = Math.max(1, cooling.remaining().toSeconds());
            if (resend) {
                context.getEvent().error(CodeEvents.ERROR_COOLDOWN);
                context.challenge(page.error(CodeMessages.RESEND_COOLDOWN, seconds));
            } else {
                // A code went out moments ago (e.g. the page was reloaded): show the form, say when a new one is possible.
                context.challenge(page.info(CodeMessages.RESEND_COOLDOWN, seconds));
            }
        } else {
            context.getEvent().error(CodeEvents.ERROR_BUDGET_SPENT);
            LOG.infof("Send budget spent for %s in realm %s", recipient.masked(), context.getRealm().getName());
            context.challenge(page.error(CodeMessages.BUDGET_SPENT));
        }
    }

    /** A wrong guess: counts toward the user's brute-force failures. */
    private void fail(String error, jakarta.ws.rs.core.Response response) {
        context.getEvent().error(error);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, response);
    }

    /** No live code to guess against: tell the person to ask for a new one, without counting a failure. */
    private void refuseWithoutGuess(String error, jakarta.ws.rs.core.Response response) {
        context.getEvent().error(error);
        context.challenge(response);
    }

    private void unavailable(String error, String operation, String reason) {
        LOG.warnf("Email code %s failed for %s in realm %s: %s", operation, recipient.masked(),
                context.getRealm().getName(), reason);
        context.getEvent().error(error);
        context.challenge(page.error(CodeMessages.SERVICE_UNAVAILABLE));
    }

    /** Exception types only: a mail sender's messages may quote the address. */
    private static String describe(EmailException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " caused by " + root.getClass().getName();
    }

    private void withdrawQuietly(OneTimeCodes.Request.Issued issued) {
        try {
            codes.withdraw(slot, issued);
        } catch (CodeStoreUnavailableException e) {
            LOG.debugf("Could not withdraw an undelivered code for %s: %s", recipient.masked(), e.getMessage());
        }
    }
}

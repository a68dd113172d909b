package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.Delivery;
import io.emailcode.keycloak.flow.EmailCodeStep;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.settings.StepSettings;
import java.time.Duration;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.email.EmailException;
import org.keycloak.models.UserModel;

/**
 * Carries out a {@link StepOutcome} in Keycloak: emails a code, writes the event, shows the page (counting a wrong
 * guess as a failure), or signs the person in. The decisions were made by {@link EmailCodeStep}; nothing here decides.
 */
final class OutcomeApplier {

    private final AuthenticationFlowContext context;
    private final EmailCodeStep step;
    private final Attempt attempt;
    private final UserModel user;
    private final Optional<String> lockoutError;
    private final StepSettings settings;
    private final CodePage page;
    private final CodeMailer mailer;
    private final SendTiming timing;
    private final SignInMirror signInMirror;

    OutcomeApplier(AuthenticationFlowContext context, EmailCodeStep step, Attempt attempt, UserModel user,
                   Optional<String> lockoutError, StepSettings settings, CodeMailer mailer, SendTiming timing,
                   SignInMirror signInMirror) {
        this.context = context;
        this.step = step;
        this.attempt = attempt;
        this.user = user;
        this.lockoutError = lockoutError;
        this.settings = settings;
        this.page = new CodePage(context, attempt.masked(), settings);
        this.mailer = mailer;
        this.timing = timing;
        this.signInMirror = signInMirror;
    }

    void apply(StepOutcome decided) {
        StepOutcome outcome = deliver(decided);
        outcome.did().ifPresent(did -> context.getEvent().detail(StepEvents.DETAIL_STEP, did));
        outcome.reason().ifPresent(reason -> StepEvents.error(context.getEvent(), reason, lockoutError));
        switch (outcome.action()) {
            case SHOW_CODE_PAGE -> context.challenge(page.show(outcome.notice()));
            case FAIL -> context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page.show(outcome.notice()));
            case SIGN_IN -> signIn(user);
            case REGISTER_AND_SIGN_IN -> signIn(Registration.register(context, attempt));
        }
    }

    /** Sends the code, if there is one; a failed send turns the outcome into a retry page. */
    private StepOutcome deliver(StepOutcome outcome) {
        if (outcome.delivery().isEmpty()) {
            if (outcome.did().filter("withheld"::equals).isPresent()) {
                // Nothing was sent: take as long as a send would, so timing does not tell the addresses apart.
                timing.waitLikeASend();
            }
            return outcome;
        }
        Delivery delivery = outcome.delivery().get();
        long started = System.nanoTime();
        try {
            mailer.send(context.getRealm(), context.getAuthenticationSession(), attempt.address(), user, delivery.code(), settings);
        } catch (EmailException e) {
            return step.undelivered(attempt, delivery, describe(e));
        }
        timing.record(Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    /**
     * Succeeds naming the one-time-code credential, as Keycloak's OTP form does: from Keycloak 26.6 on, the
     * brute-force detector clears a user's failures only after a sign-in with a credential of a category it
     * counts (password, otp, recovery codes), so without it wrong codes would add up across successful sign-ins.
     */
    private void signIn(UserModel signedIn) {
        context.setUser(signedIn);
        if (signInMirror.allowsSignIn(context, signedIn, page)) {
            context.success(EmailCodeAuthenticatorFactory.CREDENTIAL_CATEGORY);
        }
    }

    /** Exception types only: a mail sender's messages may quote the address. */
    private static String describe(EmailException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " caused by " + root.getClass().getName();
    }
}

package io.emailcode.keycloak.flow;

import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.settings.StepSettings;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The decisions of the "Email code" step, without Keycloak: asking for a code, checking one, and what a failed
 * email means. Each returns a {@link StepOutcome} that the Keycloak glue applies; nothing here renders a page or
 * writes an event. Failures of the store are outcomes too (a retry page), logged without secrets.
 */
public final class EmailCodeStep {

    private static final Logger LOG = Logger.getLogger(EmailCodeStep.class);

    private final OneTimeCodes codes;

    public EmailCodeStep(OneTimeCodes codes) {
        this.codes = codes;
    }

    /**
     * Issues a code for the attempt and says whether to email it.
     *
     * @param resend the person pressed "send a new code" (changes the wording and what a cooldown means)
     */
    public StepOutcome request(Attempt attempt, StepSettings settings, boolean resend) {
        if (attempt.standing() == Attempt.Standing.LOCKED) {
            // Keycloak's lockout: no email, and a message that (like Keycloak's own) does not say why.
            return StepOutcome.page(Notice.error(MessageKeys.LOCKED_OUT), Reason.LOCKED);
        }
        OneTimeCodes.Request request;
        try {
            request = codes.request(slot(attempt), attempt.binding(), settings.codePolicy());
        } catch (CodeStoreUnavailableException e) {
            return unavailable(attempt, Reason.STORE_UNAVAILABLE, "issue", e.getMessage());
        }
        if (request instanceof OneTimeCodes.Request.Refused refused) {
            return refused(attempt, refused.reason(), resend);
        }
        OneTimeCodes.Request.Issued issued = (OneTimeCodes.Request.Issued) request;
        Optional<Notice> notice = resend ? Optional.of(Notice.info(MessageKeys.SENT)) : Optional.empty();
        if (attempt.standing() == Attempt.Standing.UNKNOWN && !settings.autoRegister()) {
            // Nothing to send to an address without an account; the page is the same as for one that has one.
            return StepOutcome.issued(notice, "withheld", Optional.empty());
        }
        return StepOutcome.issued(notice, resend ? "resent" : "sent", Optional.of(new Delivery(issued.code(), issued.codeHash())));
    }

    /** The email of a {@link Delivery} could not be sent: takes the code back, so the person may ask again at once. */
    public StepOutcome undelivered(Attempt attempt, Delivery delivery, String why) {
        try {
            codes.withdraw(slot(attempt), delivery.codeHash());
        } catch (CodeStoreUnavailableException e) {
            LOG.debugf("Could not withdraw an undelivered code for %s: %s", attempt.masked(), e.getMessage());
        }
        return unavailable(attempt, Reason.SEND_FAILED, "send", why);
    }

    /** Checks a typed code. */
    public StepOutcome verify(Attempt attempt, StepSettings settings, String typed) {
        if (typed == null || typed.isBlank()) {
            return StepOutcome.notice(Notice.fieldError(MessageKeys.REQUIRED));
        }
        VerifyOutcome outcome;
        try {
            outcome = codes.check(slot(attempt), attempt.binding(), typed, settings.codePolicy());
        } catch (CodeStoreUnavailableException e) {
            return unavailable(attempt, Reason.STORE_UNAVAILABLE, "verify", e.getMessage());
        }
        return switch (outcome) {
            case ACCEPTED -> accepted(attempt, settings);
            case WRONG_CODE -> StepOutcome.failure(Notice.fieldError(MessageKeys.INVALID), Reason.INVALID_CODE);
            case ATTEMPTS_EXHAUSTED -> StepOutcome.failure(Notice.error(MessageKeys.ATTEMPTS_EXHAUSTED), Reason.ATTEMPTS_EXHAUSTED);
            // No live code to guess against: tell the person to ask for a new one, without counting a failure.
            case EXPIRED -> StepOutcome.page(Notice.error(MessageKeys.EXPIRED), Reason.EXPIRED);
            case NO_CODE -> StepOutcome.page(Notice.error(MessageKeys.MISSING), Reason.NO_CODE);
        };
    }

    private StepOutcome accepted(Attempt attempt, StepSettings settings) {
        return switch (attempt.standing()) {
            case KNOWN -> StepOutcome.signIn(StepOutcome.Action.SIGN_IN);
            case UNKNOWN -> settings.autoRegister()
                    ? StepOutcome.signIn(StepOutcome.Action.REGISTER_AND_SIGN_IN)
                    // The code was never sent to anyone: a match is a guess that must not sign anyone in.
                    : StepOutcome.failure(Notice.fieldError(MessageKeys.INVALID), Reason.INVALID_CODE);
            case LOCKED -> StepOutcome.page(Notice.error(MessageKeys.LOCKED_OUT), Reason.LOCKED);
        };
    }

    private StepOutcome refused(Attempt attempt, IssueOutcome reason, boolean resend) {
        if (reason instanceof IssueOutcome.CoolingDown cooling) {
            // Whole seconds, at least one: the page shows the wait as a duration (0:25) and counts it down.
            Duration wait = Duration.ofSeconds(Math.max(1, cooling.remaining().toSeconds()));
            // Without a resend, a code went out moments ago (e.g. the page was reloaded): show the form and when a
            // new code is possible, as information rather than an error.
            return resend
                    ? StepOutcome.page(Notice.error(MessageKeys.RESEND_COOLDOWN, wait), Reason.RESEND_COOLDOWN)
                    : StepOutcome.notice(Notice.info(MessageKeys.RESEND_COOLDOWN, wait));
        }
        LOG.infof("Send budget spent for %s in realm %s", attempt.masked(), attempt.realmId());
        return StepOutcome.page(Notice.error(MessageKeys.BUDGET_SPENT), Reason.SEND_BUDGET_SPENT);
    }

    private StepOutcome unavailable(Attempt attempt, Reason reason, String operation, String why) {
        LOG.warnf("Email code %s failed for %s in realm %s: %s", operation, attempt.masked(), attempt.realmId(), why);
        return StepOutcome.page(Notice.error(MessageKeys.SERVICE_UNAVAILABLE), reason);
    }

    private CodeSlot slot(Attempt attempt) {
        return codes.slotFor(attempt.realmId(), attempt.address());
    }
}

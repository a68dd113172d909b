package io.emailcode.keycloak.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * What the step decided for one request, for the Keycloak glue to apply: which page or transition, the message
 * on it, the reason for the event (none for a plain success), what the step did (for the event's details),
 * and a code to email, if any.
 *
 * @param action    what the flow does next
 * @param notice    the message shown with the code page
 * @param reason    why it refused or failed; empty when nothing went wrong
 * @param sending   what the step did with the code it issued, for the event
 * @param delivery  a code to email before the page is shown
 * @param browserRevoked the browser's known-browser cookie was revoked: the request was served in the open lane, and
 *                  the cookie is to be removed
 */
public record StepOutcome(Action action, Optional<Notice> notice, Optional<Reason> reason, Optional<CodeSending> sending,
                          Optional<Delivery> delivery, boolean browserRevoked) {

    StepOutcome(Action action, Optional<Notice> notice, Optional<Reason> reason, Optional<CodeSending> sending,
                Optional<Delivery> delivery) {
        this(action, notice, reason, sending, delivery, false);
    }

    public enum Action {
        /** Show the code page. */
        SHOW_CODE_PAGE,
        /** Show the code page; the request was a wrong guess, which counts toward Keycloak's brute-force detection. */
        FAIL,
        /** The code was right: the person is signed in. */
        SIGN_IN,
        /**
         * The code was right for an address whose account never verified it: end everything the account had (its
         * credentials, identity-provider links and sessions), mark the address verified, then sign in.
         */
        CLAIM_AND_SIGN_IN,
        /** The code was right for an address without an account: create it, then sign in. */
        REGISTER_AND_SIGN_IN,
        /** The code was right for an address only the pool has: create the account from the pool user, then sign in. */
        IMPORT_AND_SIGN_IN,
        /**
         * The code was right for a typed address: look up who has it now, and carry out
         * {@link EmailCodeStep#onProof(Attempt.Standing, UnverifiedAccounts)} for what was found.
         */
        RESOLVE_AND_SIGN_IN
    }

    public StepOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sending, "sending");
        Objects.requireNonNull(delivery, "delivery");
    }

    static StepOutcome page(Notice notice, Reason reason) {
        return new StepOutcome(Action.SHOW_CODE_PAGE, Optional.of(notice), Optional.of(reason), Optional.empty(), Optional.empty());
    }

    static StepOutcome failure(Notice notice, Reason reason) {
        return new StepOutcome(Action.FAIL, Optional.of(notice), Optional.of(reason), Optional.empty(), Optional.empty());
    }

    static StepOutcome signIn(Action action) {
        return new StepOutcome(action, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The code page after a code was issued: with a code to email, or without when nothing may be sent (then the
     * reason, if any, says why for the event, while the page stays the same).
     */
    static StepOutcome issued(Optional<Notice> notice, Optional<Reason> reason, CodeSending sending,
                              Optional<Delivery> delivery) {
        return new StepOutcome(Action.SHOW_CODE_PAGE, notice, reason, Optional.of(sending), delivery);
    }

    /** The code page with a notice and no event error (e.g. a reload within the cooldown). */
    static StepOutcome notice(Notice notice) {
        return new StepOutcome(Action.SHOW_CODE_PAGE, Optional.of(notice), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A right code that must not sign anyone in after all (an import found no pool user to import): exactly what a
     * code typed for an unknown address gets.
     */
    public static StepOutcome wrongCode() {
        return failure(Notice.fieldError(MessageKeys.INVALID), Reason.INVALID_CODE);
    }

    /** The retry page of an outage found while carrying out an outcome (e.g. the email queue is full). */
    public static StepOutcome unavailable(Reason reason) {
        return page(Notice.error(MessageKeys.SERVICE_UNAVAILABLE), reason);
    }

    /** This outcome, for a request whose known-browser cookie turned out to be revoked. */
    StepOutcome withBrowserRevoked() {
        return new StepOutcome(action, notice, reason, sending, delivery, true);
    }

    public boolean countsAsFailure() {
        return action == Action.FAIL;
    }
}

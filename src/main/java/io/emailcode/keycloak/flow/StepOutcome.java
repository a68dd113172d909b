package io.emailcode.keycloak.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * What the engine decided for one request, for the door's applier to carry out: which page or transition, the message
 * on it, the reason for the event (none for a plain success), what was done with a code (for the event's details),
 * a code to deliver, if any, and the account the outcome is for.
 *
 * @param action    what the flow does next
 * @param notice    the message shown with the code page
 * @param reason    why it refused or failed; empty when nothing went wrong
 * @param sending   what the step did with the code it issued, for the event
 * @param delivery  a code to email before the page is shown
 * @param browserRevoked the browser's known-browser cookie was revoked: the request was served in the open lane, and
 *                  the cookie is to be removed
 * @param account   the account a typed address turned out to have once its code proved right (the signed-in
 *                  account's outcomes leave it empty: the door knows that account)
 */
public record StepOutcome(Action action, Optional<Notice> notice, Optional<Reason> reason, Optional<CodeSending> sending,
                          Optional<Delivery> delivery, boolean browserRevoked, Optional<String> account) {

    StepOutcome(Action action, Optional<Notice> notice, Optional<Reason> reason, Optional<CodeSending> sending,
                Optional<Delivery> delivery) {
        this(action, notice, reason, sending, delivery, false, Optional.empty());
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
        /**
         * The code was right for an address only the pool has: create the account from the pool user, then sign in.
         * When the pool no longer has such a user, the code signs nobody in: a wrong guess, as for an unknown address.
         */
        IMPORT_AND_SIGN_IN,
        /**
         * The code was right for an address without an account, in a realm that registers and imports: the one pool
         * user with the address is imported, or else the address is registered; then sign in.
         */
        IMPORT_OR_REGISTER_AND_SIGN_IN,
        /** The code was right at the verification door: the account's address is verified; nobody is signed in. */
        VERIFY_ADDRESS,
        /**
         * The code was right at the address-change door: the new address becomes the account's, verified, unless
         * another account holds it (which only now may be said); nobody is signed in.
         */
        CHANGE_ADDRESS
    }

    public StepOutcome {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sending, "sending");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(account, "account");
    }

    static StepOutcome page(Notice notice, Reason reason) {
        return new StepOutcome(Action.SHOW_CODE_PAGE, Optional.of(notice), Optional.of(reason), Optional.empty(), Optional.empty());
    }

    static StepOutcome failure(Notice notice, Reason reason) {
        return new StepOutcome(Action.FAIL, Optional.of(notice), Optional.of(reason), Optional.empty(), Optional.empty());
    }

    /** A right code's outcome, with nothing to show. */
    static StepOutcome proved(Action action) {
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
     * A right code that must not sign anyone in: exactly what a wrong code gets (a code never sent to anyone, or an
     * import that found no pool user to import).
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
        return new StepOutcome(action, notice, reason, sending, delivery, true, account);
    }

    /** This outcome, for the account a proved typed address has. */
    StepOutcome forAccount(Optional<String> id) {
        return new StepOutcome(action, notice, reason, sending, delivery, browserRevoked, id);
    }

    public boolean countsAsFailure() {
        return action == Action.FAIL;
    }
}

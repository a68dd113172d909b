package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.Notice;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.settings.StepSettings;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Carries out the engine's {@link StepOutcome} at a door: hands a code email over, writes the event, shows the code
 * page (a compared wrong guess as a failure), or lets the door do what a right code unlocks there. It and the
 * doors' own appliers are the only classes of the Keycloak glue that read an outcome, a lane or a standing; the
 * engine made every decision, and nothing here decides.
 */
abstract class OutcomeApplier {

    protected final Attempt attempt;
    protected final UserModel user;
    protected final DoorPage page;
    protected final Collaborators with;
    private final Optional<String> lockoutError;
    private final StepSettings settings;
    private final KeycloakSession session;
    private final RealmModel realm;

    /**
     * What an applier hands work to.
     *
     * @param accounts   the directory the engine asked about a typed address, which holds the accounts it found
     * @param addressKey the address's keyed hash (its known-browser cookie and the pool's memory of absent addresses)
     */
    record Collaborators(CodeEmails emails, KnownBrowsers browsers, KeycloakAccounts accounts, String addressKey,
                         StepMetrics metrics) {
    }

    /**
     * @param user         the account a previous step signed in; null for a typed address
     * @param lockoutError the brute-force detector's event error for {@code user}, if it refuses it
     */
    OutcomeApplier(KeycloakSession session, RealmModel realm, Attempt attempt, UserModel user, Optional<String> lockoutError,
                   StepSettings settings, DoorPage page, Collaborators with) {
        this.session = session;
        this.realm = realm;
        this.attempt = attempt;
        this.user = user;
        this.lockoutError = lockoutError;
        this.settings = settings;
        this.page = page;
        this.with = with;
    }

    /** The event of this request. */
    abstract EventBuilder event();

    /** Shows the code page. */
    abstract void show(Response codePage);

    /** Shows the code page after a compared wrong code, counted where the door counts failures. */
    abstract void fail(Response codePage);

    /**
     * Carries out what a right code unlocks at this door.
     *
     * @param account the account the code proved the address of, or null for an address without one
     */
    abstract void proceed(StepOutcome.Action action, UserModel account);

    final void apply(StepOutcome decided) {
        StepOutcome outcome = handOver(decided);
        // The signed-in user's outcome, or the account a proved typed address has.
        UserModel account = outcome.account().map(with.accounts()::user).orElse(user);
        Lane lane = outcome.browserRevoked() ? Lane.OPEN : attempt.lane();
        if (outcome.browserRevoked()) {
            with.browsers().forget(session, realm, with.addressKey());
        }
        event().detail(StepEvents.DETAIL_DOOR, attempt.door().purpose())
                .detail(StepEvents.DETAIL_LANE, lane.name().toLowerCase(Locale.ROOT));
        outcome.sending().ifPresent(sending -> {
            event().detail(StepEvents.DETAIL_STEP, sending.eventValue());
            page.codeIssued();
        });
        if (outcome.countsAsFailure() || account != null) {
            nameInEvent(account);
        }
        outcome.reason().ifPresent(reason -> {
            StepEvents.error(event(), reason, lockoutError);
            with.metrics().refusal(reason);
        });
        switch (outcome.action()) {
            case SHOW_CODE_PAGE -> show(page.show(outcome.notice()));
            case FAIL -> fail(page.show(outcome.notice()));
            default -> proceed(outcome.action(), account);
        }
    }

    /** The code page with an error, as an event error without a counted failure. */
    final void refuse(Reason reason, String messageKey) {
        StepEvents.error(event(), reason, Optional.empty());
        show(page.show(Optional.of(Notice.error(messageKey))));
    }

    /**
     * The event of a counted failure names the account. For a typed address Keycloak looks its account up for the
     * brute-force count of the failure anyway; without brute-force protection nothing on this path looks it up.
     */
    private void nameInEvent(UserModel account) {
        if (account != null) {
            event().user(account);
        } else if (realm.isBruteForceProtected()) {
            with.accounts().account(attempt.address()).ifPresent(found -> event().user(found));
        }
    }

    /** Hands the code email over (or the empty task of an address that gets none); a full queue is a retry page. */
    private StepOutcome handOver(StepOutcome outcome) {
        if (outcome.sending().isEmpty()) {
            return outcome;
        }
        // The login's language; the mailer prefers the account's own, read off the request thread.
        String locale = session.getContext().resolveLocale(null).toLanguageTag();
        Optional<CodeEmail> email = outcome.delivery().map(delivery -> new CodeEmail(attempt.door(), attempt.realmId(),
                accountId(), attempt.address(), locale, delivery.code(), settings.validityMinutes(), attempt.masked(),
                delivery.recipient(), with.addressKey()));
        if (!with.emails().submit(session, email)) {
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
}

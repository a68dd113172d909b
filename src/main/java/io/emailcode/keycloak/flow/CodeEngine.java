package io.emailcode.keycloak.flow;

import io.emailcode.keycloak.code.AbuseLimits;
import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.code.VerifyOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every rule of proving an address with a code, for every door, without Keycloak: asking for a code, who receives
 * it, checking one, and what a right code unlocks. Each decision is a {@link StepOutcome} (or a {@link Recipient})
 * that the door's applier carries out; nothing here renders a page, writes an event or changes an account.
 *
 * <p>Every address does the same work and gets the same page, whatever it is to Keycloak: a code is issued and
 * counted for unknown, locked and disabled addresses too (it is only not sent), and every limit answers alike.
 * What tells them apart is the outcome's reason, which only reaches server-side events and logs.
 */
public final class CodeEngine {

    private static final Logger LOG = Logger.getLogger(CodeEngine.class);

    private final OneTimeCodes codes;
    private final AddressRules rules;
    private final Accounts accounts;

    /**
     * @param rules    what a proved address without an account becomes, and what a proof gives an account that never
     *                 verified its address
     * @param accounts who has an address: asked only once a typed address's code proved right
     */
    public CodeEngine(OneTimeCodes codes, AddressRules rules, Accounts accounts) {
        this.codes = codes;
        this.rules = rules;
        this.accounts = accounts;
    }

    /**
     * Issues a code for the attempt and says whether to email it.
     *
     * @param resend the person pressed "send a new code" (changes the wording and what a cooldown means)
     */
    public StepOutcome request(Attempt attempt, OneTimeCodes.Policy policy, AbuseLimits abuse, boolean resend) {
        OneTimeCodes.RequestResult request;
        try {
            request = codes.request(slot(attempt), attempt.boundTo(), attempt.key(), policy, abuseBudget(attempt, abuse),
                    attempt.browser());
        } catch (CodeStoreUnavailableException e) {
            return unavailable(attempt, "issue", e.getMessage());
        }
        if (request instanceof OneTimeCodes.RequestResult.Refused refused) {
            if (refused.reason() instanceof IssueOutcome.Refused r && r.refusal() == IssueOutcome.Refusal.BROWSER_REVOKED) {
                // A copied or stale cookie: the request is what any stranger's is, in the open lane.
                LOG.infof("Known-browser cookie for %s in realm %s was revoked: served in the open lane", attempt.masked(),
                        attempt.realmId());
                return request(attempt.inOpenLane(), policy, abuse, resend).withBrowserRevoked();
            }
            return refused(attempt, refused.reason(), resend);
        }
        String code = ((OneTimeCodes.RequestResult.Issued) request).code();
        Optional<Notice> notice = resend ? Optional.of(Notice.info(MessageKeys.SENT)) : Optional.empty();
        if (!attempt.standing().receivesCodes()) {
            // Nothing is sent, and nothing on the page says so.
            return StepOutcome.issued(notice, withheldReason(attempt), CodeSending.WITHHELD, Optional.empty());
        }
        return StepOutcome.issued(notice, Optional.empty(), resend ? CodeSending.RESENT : CodeSending.SENT,
                Optional.of(new Delivery(attempt.channel(), code, unresolved(attempt))));
    }

    /** Checks a typed code. */
    public StepOutcome verify(Attempt attempt, OneTimeCodes.Policy policy, String typed) {
        if (typed == null || typed.isBlank()) {
            return StepOutcome.notice(Notice.fieldError(MessageKeys.REQUIRED));
        }
        VerifyOutcome outcome;
        try {
            outcome = codes.check(slot(attempt), attempt.boundTo(), attempt.key(), typed, policy);
        } catch (CodeStoreUnavailableException e) {
            return unavailable(attempt, "verify", e.getMessage());
        }
        return switch (outcome) {
            case ACCEPTED -> accepted(attempt);
            case WRONG_CODE -> StepOutcome.failure(Notice.fieldError(MessageKeys.INVALID), Reason.INVALID_CODE);
            case ATTEMPTS_EXHAUSTED -> StepOutcome.failure(Notice.error(MessageKeys.ATTEMPTS_EXHAUSTED), Reason.ATTEMPTS_EXHAUSTED);
            case CAP_REACHED -> {
                LOG.infof("Address %s in realm %s reached its failure cap (%s lane) and is locked", attempt.masked(),
                        attempt.realmId(), attempt.lane());
                yield StepOutcome.failure(Notice.error(MessageKeys.BUDGET_SPENT), Reason.FAILURE_CAP);
            }
            // Not compared with a live code: say what to do, without counting a failure.
            case DEAD -> StepOutcome.page(Notice.error(MessageKeys.ATTEMPTS_EXHAUSTED), Reason.ATTEMPTS_EXHAUSTED);
            case EXPIRED -> StepOutcome.page(Notice.error(MessageKeys.EXPIRED), Reason.EXPIRED);
            case NO_CODE -> StepOutcome.page(Notice.error(MessageKeys.MISSING), Reason.NO_CODE);
            case LOCKED -> StepOutcome.page(Notice.error(MessageKeys.BUDGET_SPENT), Reason.FAILURE_CAP);
        };
    }

    /**
     * A right code. For a typed address only now is the address looked up (never while a code is asked for, so no
     * response depends on what Keycloak has for it), and what was found decides.
     */
    private StepOutcome accepted(Attempt attempt) {
        if (attempt.standing() != Attempt.Standing.UNRESOLVED) {
            return onProof(attempt.door(), attempt.standing());
        }
        Optional<AccountFacts> account = accounts.withAddress(attempt.address(), attempt.lane().lockable());
        Attempt.Standing standing = Attempt.Standing.ofTyped(account, attempt.lane(), rules);
        if (standing == Attempt.Standing.UNVERIFIED) {
            LOG.infof("Address %s in realm %s proved for account %s, which never verified it: %s", attempt.masked(),
                    attempt.realmId(), account.get().id(), rules.unverified());
        }
        return onProof(attempt.door(), standing).forAccount(account.map(AccountFacts::id));
    }

    /**
     * What a right code does at a door for an address of this standing. The verification and address-change doors
     * serve only an account a previous step signed in: their right code verifies or changes that account's address
     * and signs nobody in.
     */
    private StepOutcome onProof(Door door, Attempt.Standing standing) {
        return switch (standing) {
            case KNOWN -> StepOutcome.proved(switch (door) {
                case BROWSER_SIGN_IN, APP_SIGN_IN -> StepOutcome.Action.SIGN_IN;
                case VERIFY_EMAIL -> StepOutcome.Action.VERIFY_ADDRESS;
                case UPDATE_EMAIL -> StepOutcome.Action.CHANGE_ADDRESS;
            });
            // The code proved the address, not the account: someone else may have set it up with the address.
            case UNVERIFIED -> switch (rules.unverified()) {
                case CLAIM -> StepOutcome.proved(StepOutcome.Action.CLAIM_AND_SIGN_IN);
                // Not a guess: the prover owns the address, so nothing counts toward a lockout.
                case REFUSE -> StepOutcome.page(Notice.error(MessageKeys.UNVERIFIED_ACCOUNT), Reason.UNVERIFIED_ACCOUNT);
            };
            case REGISTRABLE -> StepOutcome.proved(rules.importsFromPool()
                    ? StepOutcome.Action.IMPORT_OR_REGISTER_AND_SIGN_IN : StepOutcome.Action.REGISTER_AND_SIGN_IN);
            case IMPORTABLE -> StepOutcome.proved(StepOutcome.Action.IMPORT_AND_SIGN_IN);
            // The code was never sent to anyone: a match is a guess that must not sign anyone in.
            case UNKNOWN, LOCKED, DISABLED -> StepOutcome.wrongCode();
            case UNRESOLVED -> throw new IllegalStateException("a typed address is looked up before its proof counts");
        };
    }

    /** A typed address's recipient is decided only off the request thread. */
    private Optional<UnresolvedRecipient> unresolved(Attempt attempt) {
        return attempt.standing() == Attempt.Standing.UNRESOLVED
                ? Optional.of(new UnresolvedRecipient(attempt.address(), attempt.lane(), rules)) : Optional.empty();
    }

    private static Optional<Reason> withheldReason(Attempt attempt) {
        return switch (attempt.standing()) {
            case LOCKED -> Optional.of(Reason.LOCKED);
            case DISABLED -> Optional.of(Reason.DISABLED);
            default -> Optional.empty();
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
        IssueOutcome.Refused refused = (IssueOutcome.Refused) reason;
        LOG.infof("No code for %s in realm %s (%s lane): %s, for %d s", attempt.masked(), attempt.realmId(), attempt.lane(),
                refused.refusal(), refused.retryAfter().toSeconds());
        return switch (refused.refusal()) {
            case ADDRESS_BUDGET -> StepOutcome.page(Notice.error(MessageKeys.BUDGET_SPENT), Reason.SEND_BUDGET_SPENT);
            case MAILBOX_BUDGET -> StepOutcome.page(Notice.error(MessageKeys.BUDGET_SPENT), Reason.MAILBOX_BUDGET_SPENT);
            case LOCKED -> StepOutcome.page(Notice.error(MessageKeys.BUDGET_SPENT), Reason.FAILURE_CAP);
            case NETWORK_BUDGET -> StepOutcome.page(Notice.error(MessageKeys.NETWORK_BUDGET_SPENT), Reason.NETWORK_BUDGET_SPENT);
            case REALM_CEILING -> StepOutcome.page(Notice.error(MessageKeys.REALM_CEILING), Reason.REALM_CEILING);
            // Answered by falling back to the open lane before this point.
            case BROWSER_REVOKED -> throw new IllegalStateException("a revoked browser is served in the open lane");
        };
    }

    /** The network, mailbox and realm budgets apply to the open lane; a known browser's lane is its own. */
    private Optional<IssueRequest.AbuseBudget> abuseBudget(Attempt attempt, AbuseLimits abuse) {
        if (attempt.lane() == Lane.KNOWN_BROWSER) {
            return Optional.empty();
        }
        // Without a client address every such client shares one network budget.
        List<ClientNetwork.Prefix> networks = attempt.networks().isEmpty()
                ? List.of(new ClientNetwork.Prefix(ClientNetwork.Width.NETWORK, "unknown")) : attempt.networks();
        return Optional.of(new IssueRequest.AbuseBudget(networks, codes.mailboxKeyFor(attempt.address()), abuse));
    }

    private static StepOutcome unavailable(Attempt attempt, String operation, String why) {
        LOG.warnf("Email code %s failed for %s in realm %s: %s", operation, attempt.masked(), attempt.realmId(), why);
        return StepOutcome.page(Notice.error(MessageKeys.SERVICE_UNAVAILABLE), Reason.STORE_UNAVAILABLE);
    }

    private CodeSlot slot(Attempt attempt) {
        return codes.slotFor(attempt.realmId(), attempt.address(), attempt.lane());
    }
}

package io.emailcode.keycloak.code;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one code request asks of the store, decided in one atomic step.
 *
 * @param slot     whose code it is
 * @param code     the new code
 * @param sending  the slot's cooldown and hourly budget
 * @param failures the slot's failure cap: a locked slot gets no code
 * @param abuse    the network, mailbox and realm budgets this send also counts toward; empty for a known browser,
 *                 whose lane strangers cannot reach
 * @param browser  for the known-browser lane: its browser's cookie; the lane holds only if neither the address's
 *                 ({@link CodeStore#forget}, {@link CodeStore#revokeBrowsers}) nor the account's
 *                 ({@link CodeStore#revokeAccountBrowsers}) known browsers were revoked since it was issued
 */
public record IssueRequest(CodeSlot slot, IssuedCode code, SendPolicy sending, FailurePolicy failures,
                           Optional<AbuseBudget> abuse, Optional<KnownBrowser> browser) {

    /** A request in the open lane, or one whose browser's revocation is not checked. */
    public IssueRequest(CodeSlot slot, IssuedCode code, SendPolicy sending, FailurePolicy failures,
                        Optional<AbuseBudget> abuse) {
        this(slot, code, sending, failures, abuse, Optional.empty());
    }

    public IssueRequest {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sending, "sending");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(browser, "browser");
    }

    /**
     * The client's networks, keyed ({@link CodeHasher#networkKey}), one per width, the mailbox's key
     * ({@link CodeHasher#mailboxKey}) and the budgets.
     */
    public record AbuseBudget(List<ClientNetwork.Prefix> networkKeys, String mailboxKey, AbuseLimits limits) {

        public AbuseBudget {
            networkKeys = List.copyOf(networkKeys);
            Objects.requireNonNull(mailboxKey, "mailboxKey");
            Objects.requireNonNull(limits, "limits");
        }
    }
}

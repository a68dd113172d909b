package io.emailcode.keycloak.code;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything one code request asks of the store, decided in one atomic step.
 *
 * @param slot     whose code it is
 * @param code     the new code
 * @param sending  the slot's cooldown and hourly budget
 * @param failures the slot's failure cap: a locked slot gets no code
 * @param abuse    the network, mailbox and realm budgets this send also counts toward; empty for a known browser,
 *                 whose lane strangers cannot reach
 * @param browserSince for the known-browser lane: when its browser's cookie was issued (epoch seconds); the lane
 *                 holds only if the address's known browsers were not revoked since ({@link CodeStore#forget})
 */
public record IssueRequest(CodeSlot slot, IssuedCode code, SendPolicy sending, FailurePolicy failures,
                           Optional<AbuseBudget> abuse, OptionalLong browserSince) {

    /** A request in the open lane, or one whose browser's revocation is not checked. */
    public IssueRequest(CodeSlot slot, IssuedCode code, SendPolicy sending, FailurePolicy failures,
                        Optional<AbuseBudget> abuse) {
        this(slot, code, sending, failures, abuse, OptionalLong.empty());
    }

    public IssueRequest {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sending, "sending");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(browserSince, "browserSince");
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

package io.emailcode.keycloak.code;

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
 * @param abuse    the network and realm budgets this send also counts toward; empty for a known browser, whose
 *                 lane strangers cannot reach
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

    /** The client network's key ({@link CodeHasher#networkKey}) and the budgets. */
    public record AbuseBudget(String networkKey, AbuseLimits limits) {

        public AbuseBudget {
            Objects.requireNonNull(networkKey, "networkKey");
            Objects.requireNonNull(limits, "limits");
        }
    }
}

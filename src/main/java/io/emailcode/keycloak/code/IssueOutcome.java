package io.emailcode.keycloak.code;

import java.time.Duration;
import java.util.Objects;

/** What happened when a code was requested. */
public sealed interface IssueOutcome {

    /** The code is stored and may be sent. */
    record Issued() implements IssueOutcome {
    }

    /** A code was sent too recently; {@code remaining} until the next one may be sent. */
    record CoolingDown(Duration remaining) implements IssueOutcome {
    }

    /** A limit refused the code; {@code retryAfter} until it may allow one again. */
    record Refused(Refusal refusal, Duration retryAfter) implements IssueOutcome {

        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Which limit refused a code. */
    enum Refusal {
        /** The slot's hourly send budget is spent. */
        ADDRESS_BUDGET,
        /** The slot reached its failure cap and is locked. */
        LOCKED,
        /** The hourly send budget of the mailbox behind the address (all its sub-addresses) is spent. */
        MAILBOX_BUDGET,
        /** The hourly send budget of one of the client's networks (IPv4 address, IPv6 /64, /56 or /48) is spent. */
        NETWORK_BUDGET,
        /** The realm's hourly ceiling is reached. */
        REALM_CEILING,
        /**
         * The known browser's cookie was issued before the address's known browsers were revoked (the account was
         * deleted, an administrator reset the address): the browser has no lane of its own any more.
         */
        BROWSER_REVOKED
    }
}

package io.emailcode.keycloak.code;

import java.time.Duration;

/** What happened when a code was requested. */
public sealed interface IssueOutcome {

    /** The code is stored and may be sent. */
    record Issued() implements IssueOutcome {
    }

    /** A code was sent too recently; {@code remaining} until the next one may be sent. */
    record CoolingDown(Duration remaining) implements IssueOutcome {
    }

    /** The hourly send budget is spent; {@code retryAfter} until a send is possible again. */
    record BudgetSpent(Duration retryAfter) implements IssueOutcome {
    }
}

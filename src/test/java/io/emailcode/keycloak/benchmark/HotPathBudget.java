package io.emailcode.keycloak.benchmark;

import java.util.Map;
import java.util.Set;

/**
 * The AWS calls one successful email-code sign-in may cost, as docs/architecture.md (Data in DynamoDB) promises them: one
 * conditional write stores the code and opens every budget window, one SES send, one conditional write consumes the
 * code. Looking the typed address up (by the email task, and again once the code is right) is Keycloak's database,
 * not AWS. The one place the CI smoke test and the benchmark read it from: a change of the hot path changes it here,
 * on purpose, or fails both.
 */
public final class HotPathBudget {

    /** Calls per successful sign-in by {@code "service Operation"}, as the provider's metrics name them. */
    public static final Map<String, Integer> CALLS_PER_SIGN_IN = Map.of(
            "dynamodb TransactWriteItems", 1,
            "ses SendEmail", 1,
            "dynamodb UpdateItem", 1);

    /** 3. */
    public static final int TOTAL = CALLS_PER_SIGN_IN.values().stream().mapToInt(Integer::intValue).sum();

    /** The Cognito mirror's service: no call at all for a user who is already linked to the pool. */
    public static final String COGNITO = "cognitoidentityprovider";

    /**
     * Calls that run on a timer, not per sign-in: the mirror's retry task queries its queue table's index for due
     * changes and counts the pending ones, and reads the due ones (every few seconds in the tests' stack, every 30 s by
     * default). Counted and reported, never charged to a sign-in.
     */
    public static final Set<String> BACKGROUND = Set.of("dynamodb Query", "dynamodb BatchGetItem");

    private HotPathBudget() {
    }
}

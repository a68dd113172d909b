package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.benchmark.ProviderMetrics;
import io.emailcode.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator's scraper reads on Keycloak's metrics endpoint after one person signs in with one wrong code
 * first: codes issued and sent, verifications by outcome, the refusal, and every AWS call with its latency and
 * attempts, under the names docs/operations.md documents.
 */
@ExtendWith(RealStack.class)
class OperatorMetricsIT {

    private final LocalStack stack;
    private final DemoRealm realm;

    OperatorMetricsIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    @Test
    void theMetricsEndpointShowsCodesVerificationsRefusalsAndAwsCallsAfterASignIn() {
        int managementPort = stack.ports().keycloak() + 1000;
        ProviderMetrics before = ProviderMetrics.read(managementPort);
        String email = realm.newUser();
        LoginBrowser browser = realm.atCodePage(email);
        String code = realm.codeFor(email);
        browser.submitCode(DemoRealm.wrong(code));
        browser.submitCode(code);
        browser.authorizationCode();
        ProviderMetrics after = ProviderMetrics.read(managementPort);

        assertEquals(1, increase(before, after, ProviderMetrics.CODES, "event", "issued"));
        assertEquals(1, increase(before, after, ProviderMetrics.CODES, "event", "sent"));
        assertEquals(1, increase(before, after, ProviderMetrics.VERIFICATIONS, "outcome", "wrong"));
        assertEquals(1, increase(before, after, ProviderMetrics.VERIFICATIONS, "outcome", "accepted"));
        assertTrue(after.has(ProviderMetrics.VERIFICATIONS) && after.sum(ProviderMetrics.VERIFICATIONS, "outcome", "expired") >= 0);
        assertEquals(1, increase(before, after, "keycloak_email_code_refusals_total", "reason", "invalid"));
        assertEquals(1, increase(before, after, ProviderMetrics.AWS_CALLS,
                "service", "dynamodb", "operation", "TransactWriteItems", "outcome", "success"));
        assertEquals(1, increase(before, after, ProviderMetrics.AWS_CALLS, "service", "ses", "operation", "SendEmail", "outcome", "success"));
        assertEquals(2, increase(before, after, ProviderMetrics.AWS_CALLS, "service", "dynamodb", "operation", "UpdateItem",
                "outcome", "success"), "the wrong code and the right one: one conditional write each");
        assertEquals(2, increase(before, after, ProviderMetrics.AWS_ATTEMPTS, "service", "dynamodb", "operation", "UpdateItem"));
        assertEquals(1, increase(before, after, "keycloak_email_code_aws_call_duration_seconds_count",
                "service", "ses", "operation", "SendEmail"));
        assertTrue(after.sum("keycloak_email_code_aws_call_duration_seconds_bucket", "service", "ses", "operation", "SendEmail",
                "le", "5.0") >= 1, "a latency histogram an alert can take a percentile of");
    }

    private static double increase(ProviderMetrics before, ProviderMetrics after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}

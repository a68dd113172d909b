package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load tests read Keycloak's metrics endpoint as an operator's scraper does. */
class ProviderMetricsTest {

    private static final String CODES = """
            # TYPE keycloak_email_code_codes_total counter
            keycloak_email_code_codes_total{event="issued"} 7.0
            keycloak_email_code_codes_total{event="sent"} 4.0
            keycloak_email_code_codes_total{event="send_failed"} 1.0
            keycloak_email_code_codes_total{event="withheld"} 3.0
            """;

    @Test
    void codeEmailsAreOutOnceEveryIssuedCodeWasSentFailedOrFoundNoRecipient() {
        assertFalse(ProviderMetrics.parse(CODES).codeEmailsOut(), "two codes still with the mailer");
        assertFalse(ProviderMetrics.parse(CODES + "keycloak_email_code_codes_total{event=\"no_recipient\"} 1.0\n")
                .codeEmailsOut(), "one code still with the mailer");
        assertTrue(ProviderMetrics.parse(CODES + "keycloak_email_code_codes_total{event=\"no_recipient\"} 1.0\n"
                + "keycloak_email_code_codes_total{event=\"not_in_pool\"} 1.0\n").codeEmailsOut(),
                "withheld codes are never handed to the mailer");
    }

    @Test
    void awsCallsAreSummedByServiceAndOperationOverTheirOutcomes() {
        ProviderMetrics metrics = ProviderMetrics.parse("""
                keycloak_email_code_aws_calls_total{operation="UpdateItem",outcome="success",service="dynamodb"} 2.0
                keycloak_email_code_aws_calls_total{operation="UpdateItem",outcome="rejected",service="dynamodb"} 1.0
                keycloak_email_code_aws_calls_total{operation="SendEmail",outcome="success",service="ses"} 1.0
                """);
        assertEquals(Map.of("dynamodb UpdateItem", 3L, "ses SendEmail", 1L), metrics.awsCalls());
        assertEquals(Map.of("dynamodb UpdateItem", 1L), ProviderMetrics.delta(Map.of("dynamodb UpdateItem", 2L, "ses SendEmail", 1L),
                metrics.awsCalls()));
    }
}

package io.emailcode.keycloak.spi.authenticator;

import java.util.Locale;

/**
 * What happened to an issued code, as the metric {@code keycloak_email_code_codes_total{event}} counts it: every
 * code is {@link #ISSUED} or {@link #WITHHELD} on the request thread, and every issued code's email then ends as one
 * of the other four.
 */
enum CodeEvent {
    ISSUED,
    WITHHELD,
    SENT,
    SEND_FAILED,
    NO_RECIPIENT,
    NOT_IN_POOL;

    /** The metric's label value. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

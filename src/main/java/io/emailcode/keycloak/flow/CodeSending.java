package io.emailcode.keycloak.flow;

import java.util.Locale;

/** What the step did with a code it issued, as the event's {@code email_code_step} detail names it. */
public enum CodeSending {
    /** The code goes to the address. */
    SENT,
    /** A new code goes to the address, on the person's request. */
    RESENT,
    /** Nothing may be sent to the address (no account to sign in, a locked or disabled one): the page is the same. */
    WITHHELD;

    /** The event detail's value. */
    public String eventValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

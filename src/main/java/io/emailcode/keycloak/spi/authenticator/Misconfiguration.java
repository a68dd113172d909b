package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.settings.Parsed;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.RealmModel;

/**
 * A door's settings that cannot be used: the administrator's to fix, not the person's failure. One log line says
 * every problem at once, the event says {@code email_code_misconfigured}, and the person sees the "not available"
 * page.
 */
final class Misconfiguration {

    private static final Logger LOG = Logger.getLogger(Misconfiguration.class);

    private Misconfiguration() {
    }

    /** Whether any of the settings read for a request has a problem. */
    static boolean in(Parsed<?>... settings) {
        return Arrays.stream(settings).anyMatch(parsed -> !parsed.valid());
    }

    /**
     * Logs and records the problems of the settings read for a request; returns the page for the door to show.
     *
     * @param what what cannot run, for the log ("Email code", "Verify email")
     */
    static Response answer(RealmModel realm, String what, EventBuilder event, LoginFormsProvider form, Parsed<?>... settings) {
        List<String> problems = Arrays.stream(settings).flatMap(parsed -> parsed.problems().stream()).toList();
        LOG.errorf("%s in realm %s cannot run: %s", what, realm.getName(), String.join("; ", problems));
        StepEvents.error(event, Reason.MISCONFIGURED, Optional.empty());
        return form.setError(MessageKeys.MISCONFIGURED).createErrorPage(Response.Status.SERVICE_UNAVAILABLE);
    }
}

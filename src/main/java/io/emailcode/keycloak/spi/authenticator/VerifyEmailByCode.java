package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.settings.ActionDelivery;
import io.emailcode.keycloak.settings.ActionOptions;
import io.emailcode.keycloak.settings.Parsed;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's "Verify email" required action, delivered as the realm's administrator chose: Keycloak's own link
 * (everything is Keycloak's action's), or a code, typed on a page in the same browser and session. A door of the
 * engine in the shape of the browser step: showing the action asks for a code; its form asks for a new one or checks
 * the typed one.
 */
final class VerifyEmailByCode implements RequiredActionProvider {

    private final RequiredActionProvider keycloaks;
    private final ActionRequests requests;

    /** @param keycloaks Keycloak's own action, which delivers the link */
    VerifyEmailByCode(RequiredActionProvider keycloaks, ActionRequests requests) {
        this.keycloaks = keycloaks;
        this.requests = requests;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        keycloaks.evaluateTriggers(context);
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return keycloaks.initiatedActionSupport();
    }

    @Override
    public void initiatedActionCanceled(KeycloakSession session, AuthenticationSessionModel authSession) {
        keycloaks.initiatedActionCanceled(session, authSession);
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<ActionDelivery> delivery = delivery(context);
        if (delivery.isEmpty()) {
            return;
        }
        if (delivery.get() == ActionDelivery.LINK) {
            keycloaks.requiredActionChallenge(context);
            return;
        }
        if (context.getUser().isEmailVerified()) {
            context.success();
            return;
        }
        Optional<String> address = ActionRequests.address(context.getUser());
        if (address.isEmpty()) {
            // Nothing to verify, as Keycloak's own action decides for an account without an address.
            context.ignore();
            return;
        }
        requests.open(context, Door.VERIFY_EMAIL, EventType.VERIFY_EMAIL, address.get(), true).ifPresent(request -> request.requestCode(false));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Optional<ActionDelivery> delivery = delivery(context);
        if (delivery.isEmpty()) {
            return;
        }
        if (delivery.get() == ActionDelivery.LINK) {
            keycloaks.processAction(context);
            return;
        }
        Optional<String> address = ActionRequests.address(context.getUser());
        if (address.isEmpty() || context.getUser().isEmailVerified()) {
            requiredActionChallenge(context);
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        boolean resend = form.containsKey(CodePage.FIELD_RESEND);
        requests.open(context, Door.VERIFY_EMAIL, EventType.VERIFY_EMAIL, address.get(), resend).ifPresent(request -> {
            if (resend) {
                request.requestCode(true);
            } else {
                request.verify(form.getFirst(CodePage.FIELD_CODE));
            }
        });
    }

    /** How the realm delivers the action; empty when its settings cannot be used (the page says so). */
    private static Optional<ActionDelivery> delivery(RequiredActionContext context) {
        RequiredActionConfigModel config = context.getConfig();
        Parsed<ActionDelivery> delivery = ActionOptions.read(config == null ? Map.of() : config.getConfig());
        if (delivery.valid()) {
            return Optional.of(delivery.value());
        }
        context.challenge(Misconfiguration.answer(context.getRealm(), "Verify email",
                context.getEvent().clone().event(EventType.VERIFY_EMAIL), context.form(), delivery));
        return Optional.empty();
    }

    @Override
    public void close() {
        keycloaks.close();
    }
}

package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.settings.ActionDelivery;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;

/**
 * Keycloak's "Verify email" required action, delivered as the realm's administrator chose: Keycloak's own link
 * (everything is Keycloak's action's), or a code, typed on a page in the same browser and session. A door of the
 * engine in the shape of the browser step: showing the action asks for a code; its form asks for a new one or checks
 * the typed one.
 */
final class VerifyEmailByCode extends CodeDeliveredAction {

    /** @param keycloaks Keycloak's own action, which delivers the link */
    VerifyEmailByCode(RequiredActionProvider keycloaks, ActionRequests requests) {
        super(keycloaks, requests);
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<ActionDelivery> delivery = ActionRequests.delivery(context, "Verify email", EventType.VERIFY_EMAIL);
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
        requests.open(context, Door.VERIFY_EMAIL, EventType.VERIFY_EMAIL, address.get(), true, VerificationApplier::new).ifPresent(request -> request.requestCode(false));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Optional<ActionDelivery> delivery = ActionRequests.delivery(context, "Verify email", EventType.VERIFY_EMAIL);
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
        requests.open(context, Door.VERIFY_EMAIL, EventType.VERIFY_EMAIL, address.get(), CodePage.asksForANewCode(form),
                VerificationApplier::new).ifPresent(request -> request.submitted(form));
    }
}

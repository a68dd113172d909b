package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.settings.ActionDelivery;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.UpdateEmail;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Keycloak's "Update email" required action, delivered as the realm's administrator chose: Keycloak's own link
 * (everything is Keycloak's action's), or a code. With a code, the person types the new address on Keycloak's form,
 * a code goes to that address, and only a right code changes the account's address; until then the account keeps its
 * address and nothing is mirrored. Every address typed gets the same code page: whether another account holds it is
 * said only after its code proved right.
 */
final class UpdateEmailByCode extends CodeDeliveredAction {

    /** The code page's "Use a different address": back to the form. */
    static final String FIELD_OTHER_ADDRESS = "other-address";
    /** Keycloak's form's "Sign out from other devices" checkbox. */
    private static final String FIELD_SIGN_OUT_OTHERS = "logout-sessions";

    /** @param keycloaks Keycloak's own action, which delivers the link */
    UpdateEmailByCode(RequiredActionProvider keycloaks, ActionRequests requests) {
        super(keycloaks, requests);
    }

    @Override
    public void initiatedActionCanceled(KeycloakSession session, AuthenticationSessionModel authSession) {
        PendingChange.clear(authSession);
        super.initiatedActionCanceled(session, authSession);
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<ActionDelivery> delivery = ActionRequests.delivery(context, "Update email", EventType.UPDATE_EMAIL);
        if (delivery.isEmpty()) {
            return;
        }
        if (delivery.get() == ActionDelivery.LINK || !changeable(context)) {
            // Keycloak's own: the link, or its answer to a realm without the action or a read-only address.
            keycloaks.requiredActionChallenge(context);
            return;
        }
        Optional<PendingChange> pending = PendingChange.of(context.getAuthenticationSession());
        if (pending.isEmpty()) {
            context.challenge(AddressForm.empty(context));
            return;
        }
        // The code page again (a reload): a new code only once the cooldown allows one.
        askForCode(context, pending.get());
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Optional<ActionDelivery> delivery = ActionRequests.delivery(context, "Update email", EventType.UPDATE_EMAIL);
        if (delivery.isEmpty()) {
            return;
        }
        if (delivery.get() == ActionDelivery.LINK || !changeable(context)) {
            keycloaks.processAction(context);
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(FIELD_OTHER_ADDRESS)) {
            startOver(context);
            return;
        }
        if (form.containsKey(UserModel.EMAIL)) {
            submitAddress(context, form);
            return;
        }
        Optional<String> address = PendingChange.of(context.getAuthenticationSession()).flatMap(PendingChange::address);
        if (address.isEmpty()) {
            startOver(context);
            return;
        }
        requests.open(context, Door.UPDATE_EMAIL, EventType.UPDATE_EMAIL, address.get(), CodePage.asksForANewCode(form),
                AddressChangeApplier::new).ifPresent(request -> request.submitted(form));
    }

    /**
     * A new address from Keycloak's form: the user profile's checks (all but who holds it), then a code to it. An
     * address the account has and verified already needs no code.
     */
    private void submitAddress(RequiredActionContext context, MultivaluedMap<String, String> form) {
        UserModel user = context.getUser();
        String typed = Optional.ofNullable(form.getFirst(UserModel.EMAIL)).map(String::strip).orElse("");
        List<FormMessage> errors = typed.isEmpty()
                ? List.of(new FormMessage(UserModel.EMAIL, Messages.MISSING_EMAIL))
                : AddressForm.errorsBeforeProof(context.getSession(), user, typed);
        Optional<String> address = EmailAddresses.normalise(typed);
        if (errors.isEmpty() && address.isEmpty()) {
            errors = List.of(new FormMessage(UserModel.EMAIL, Messages.INVALID_EMAIL));
        }
        if (!errors.isEmpty()) {
            context.challenge(AddressForm.withErrors(context, typed, errors));
            return;
        }
        if (address.equals(EmailAddresses.normalise(user.getEmail())) && user.isEmailVerified()) {
            PendingChange.clear(context.getAuthenticationSession());
            user.removeRequiredAction(UserModel.RequiredAction.UPDATE_EMAIL);
            context.success();
            return;
        }
        PendingChange pending = new PendingChange(typed, "on".equals(form.getFirst(FIELD_SIGN_OUT_OTHERS)));
        pending.keepIn(context.getAuthenticationSession());
        askForCode(context, pending);
    }

    private void askForCode(RequiredActionContext context, PendingChange pending) {
        Optional<String> address = pending.address();
        if (address.isEmpty()) {
            startOver(context);
            return;
        }
        requests.open(context, Door.UPDATE_EMAIL, EventType.UPDATE_EMAIL, address.get(), true, AddressChangeApplier::new)
                .ifPresent(request -> request.requestCode(false));
    }

    /** Back to an empty form: nothing is pending any more. */
    private static void startOver(RequiredActionContext context) {
        PendingChange.clear(context.getAuthenticationSession());
        context.challenge(AddressForm.empty(context));
    }

    /** Keycloak's action is on for the realm, and the user profile lets the person change the address. */
    private static boolean changeable(RequiredActionContext context) {
        if (!UpdateEmail.isEnabled(context.getRealm())) {
            return false;
        }
        return !context.getSession().getProvider(UserProfileProvider.class)
                .create(UserProfileContext.UPDATE_EMAIL, context.getUser())
                .getAttributes().isReadOnly(UserModel.EMAIL);
    }
}

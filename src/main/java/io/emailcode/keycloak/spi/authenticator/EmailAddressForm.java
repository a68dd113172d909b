package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.flow.MessageKeys;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.validation.Validation;

/**
 * Asks for an email address and moves on whether or not an account has it. Keycloak's stock
 * "Username Form" answers an unknown name with an error, which tells anyone which addresses have accounts;
 * this form never does, and does not even look the address up. The next step ("Email code") treats known and
 * unknown addresses alike, and signs the account in only once the code was right.
 */
public final class EmailAddressForm extends CredentialFreeAuthenticator {

    /** Keycloak's username field: the stock login-username page renders it, labelled "Email" in email-as-username realms. */
    static final String FIELD_ADDRESS = Validation.FIELD_USERNAME;
    /** The address the person typed (normalised): the code page shows it back unmasked, as nothing is revealed. */
    static final String NOTE_TYPED_ADDRESS = "email-code.typed-address";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> prefill = new MultivaluedHashMap<>();
        String hint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        EmailAddresses.normalise(hint).ifPresent(address -> prefill.add(FIELD_ADDRESS, address));
        context.challenge(context.form().setFormData(prefill).createLoginUsername());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<String> address = EmailAddresses.normalise(form.getFirst(FIELD_ADDRESS));
        if (address.isEmpty()) {
            context.challenge(context.form().setFormData(form)
                    .addError(new FormMessage(FIELD_ADDRESS, MessageKeys.ADDRESS_INVALID))
                    .createLoginUsername());
            return;
        }
        context.clearUser();
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, address.get());
        context.getAuthenticationSession().setAuthNote(NOTE_TYPED_ADDRESS, address.get());
        // Show the typed address on the next pages whether or not it has an account. Without this note
        // Keycloak's layout shows it only when a user was found, which would tell the two apart.
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.USERNAME_HIDDEN, "true");
        context.getEvent().detail(StepEvents.DETAIL_MASKED_EMAIL, EmailAddresses.mask(address.get()));
        // Nothing is looked up here: whether an account has the address is found out off the request thread, where
        // its code is sent or not, and once the code is right (TypedAddress).
        context.success();
    }
}

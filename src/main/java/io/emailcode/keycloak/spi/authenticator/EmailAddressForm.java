package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.flow.MessageKeys;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.validation.Validation;

/**
 * Asks for an email address and moves on whether or not an account has it. Keycloak's stock
 * "Username Form" answers an unknown name with an error, which tells anyone which addresses have accounts;
 * this form never does. The next step ("Email code") treats known and unknown addresses alike, and signs the
 * account in only once the code was right.
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
        Optional<UserModel> account = findAccount(context, address.get());
        Attempts.Account found = account.map(u -> u.isEnabled() ? Attempts.Account.ENABLED : Attempts.Account.DISABLED)
                .orElse(Attempts.Account.NONE);
        context.getAuthenticationSession().setAuthNote(Attempts.NOTE_ACCOUNT, found.name());
        // The account is not put on the login yet: until the code is right, the code page is built exactly as for
        // an address without one (Keycloak does more work for a login that has a user), and nothing about it
        // differs in time. The next step finds an enabled one by id; a disabled one is never loaded again, and
        // takes the path of an address without an account.
        account.filter(UserModel::isEnabled)
                .ifPresent(user -> context.getAuthenticationSession().setAuthNote(Attempts.NOTE_ACCOUNT_ID, user.getId()));
        context.success();
    }

    /** The account with the address, in any form Keycloak may have stored it; none when several share it. */
    private static Optional<UserModel> findAccount(AuthenticationFlowContext context, String address) {
        for (String form : EmailAddresses.storedForms(address)) {
            try {
                UserModel user = context.getSession().users().getUserByEmail(context.getRealm(), form);
                if (user != null) {
                    return Optional.of(user);
                }
            } catch (ModelDuplicateException e) {
                // Several accounts share the address (possible with federation): none of them can be chosen safely.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

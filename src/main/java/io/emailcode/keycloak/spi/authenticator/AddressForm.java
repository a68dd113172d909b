package io.emailcode.keycloak.spi.authenticator;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.UpdateEmail;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.ValidationException;

/**
 * Keycloak's "Update email" form ({@code login-update-email.ftl}) and the user profile's checks of a new address. Before
 * the new address is proved, every check runs except what says that another account holds it: those answers go
 * only to someone who proved they own the address.
 */
final class AddressForm {

    /** What Keycloak's duplicate checks answer (the address, or the username where the address is the username). */
    private static final Set<String> HOLDER_CHECKS = Set.of(Messages.EMAIL_EXISTS, Messages.USERNAME_EXISTS);
    static final String ADDRESS_TAKEN = "emailCodeChangeAddressTaken";

    private AddressForm() {
    }

    static Response empty(RequiredActionContext context) {
        return context.form().createResponse(UserModel.RequiredAction.UPDATE_EMAIL);
    }

    /** The form again with the typed address and what is wrong with it. */
    static Response withErrors(RequiredActionContext context, String typed, List<FormMessage> errors) {
        MultivaluedMap<String, String> data = new MultivaluedHashMap<>();
        data.putSingle(UserModel.EMAIL, typed);
        return context.form().setErrors(errors).setFormData(data).createResponse(UserModel.RequiredAction.UPDATE_EMAIL);
    }

    /**
     * The user profile's verdict on the new address, without the checks that another account holds it. Every check
     * runs (the same work for every address); only their answers are left out.
     */
    static List<FormMessage> errorsBeforeProof(KeycloakSession session, UserModel user, String typed) {
        try {
            UpdateEmail.validateEmailUpdate(session, user, typed);
            return List.of();
        } catch (ValidationException e) {
            return Validation.getFormErrorsFromValidation(e.getErrors().stream()
                    .filter(error -> !HOLDER_CHECKS.contains(error.getMessage())).toList());
        }
    }

    /** The user profile's verdict after the proof, whole; throws when the address cannot be the account's. */
    static UserProfile validatedAfterProof(KeycloakSession session, UserModel user, String typed) {
        return UpdateEmail.validateEmailUpdate(session, user, typed);
    }

    /** Whether Keycloak's verdict was that another account holds the address. */
    static boolean heldByAnother(ValidationException e) {
        return e.getErrors().stream().anyMatch(error -> HOLDER_CHECKS.contains(error.getMessage()));
    }

    static List<FormMessage> taken() {
        return List.of(new FormMessage(UserModel.EMAIL, ADDRESS_TAKEN));
    }

    static List<FormMessage> errors(ValidationException e) {
        return Validation.getFormErrorsFromValidation(e.getErrors());
    }
}

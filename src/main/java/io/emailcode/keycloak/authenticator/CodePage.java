package io.emailcode.keycloak.authenticator;

import io.emailcode.keycloak.config.EmailCodeSettings;
import io.emailcode.keycloak.code.CodeAlphabet;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** The code-entry page ({@code login-email-code.ftl}) with one optional message. */
final class CodePage {

    static final String TEMPLATE = "login-email-code.ftl";
    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";

    private final AuthenticationFlowContext context;
    private final String maskedEmail;
    private final EmailCodeSettings settings;

    CodePage(AuthenticationFlowContext context, String maskedEmail, EmailCodeSettings settings) {
        this.context = context;
        this.maskedEmail = maskedEmail;
        this.settings = settings;
    }

    Response plain() {
        return base().createForm(TEMPLATE);
    }

    Response info(String key, Object... parameters) {
        return base().setInfo(key, parameters).createForm(TEMPLATE);
    }

    Response error(String key, Object... parameters) {
        return base().setError(key, parameters).createForm(TEMPLATE);
    }

    /** An error shown on the code field itself. */
    Response fieldError(String key) {
        return base().addError(new FormMessage(FIELD_CODE, key)).createForm(TEMPLATE);
    }

    private LoginFormsProvider base() {
        return context.form()
                .setAttribute("maskedEmail", maskedEmail)
                .setAttribute("codeLength", settings.codeLength())
                .setAttribute("numericCode", settings.alphabet() == CodeAlphabet.DIGITS);
    }
}

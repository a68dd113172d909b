package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeAlphabet;
import io.emailcode.keycloak.flow.Notice;
import io.emailcode.keycloak.settings.StepSettings;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** The code-entry page ({@code login-email-code.ftl}) with at most one message. */
final class CodePage {

    static final String TEMPLATE = "login-email-code.ftl";
    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";

    private final AuthenticationFlowContext context;
    private final String maskedEmail;
    private final StepSettings settings;

    CodePage(AuthenticationFlowContext context, String maskedEmail, StepSettings settings) {
        this.context = context;
        this.maskedEmail = maskedEmail;
        this.settings = settings;
    }

    Response show(Optional<Notice> notice) {
        LoginFormsProvider form = base();
        notice.ifPresent(n -> {
            Object[] parameters = n.parameters().toArray();
            switch (n.kind()) {
                case INFO -> form.setInfo(n.key(), parameters);
                case ERROR -> form.setError(n.key(), parameters);
                case FIELD_ERROR -> form.addError(new FormMessage(FIELD_CODE, n.key(), parameters));
            }
        });
        return form.createForm(TEMPLATE);
    }

    private LoginFormsProvider base() {
        return context.form()
                .setAttribute("maskedEmail", maskedEmail)
                .setAttribute("codeLength", settings.codeLength())
                .setAttribute("numericCode", settings.alphabet() == CodeAlphabet.DIGITS);
    }
}

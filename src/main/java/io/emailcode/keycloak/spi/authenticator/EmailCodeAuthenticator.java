package io.emailcode.keycloak.spi.authenticator;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The "Email code" flow step: the browser's door to the engine, in the shape of Keycloak's OTP form. Showing the
 * step asks for a code; its form either asks for a new one or checks the typed one. {@link BrowserRequests} opens
 * each request; the engine decides and {@link OutcomeApplier} carries the decision out.
 */
public final class EmailCodeAuthenticator extends CredentialFreeAuthenticator {

    private final BrowserRequests requests;

    EmailCodeAuthenticator(BrowserRequests requests) {
        this.requests = requests;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (AppAnswers.servesAnApp(context.getAuthenticationSession())) {
            // An app's own screen: each of its requests runs the flow, and says whether it asks for a code or brings one.
            answerTheApp(context);
            return;
        }
        requests.open(context, true).ifPresent(request -> request.requestCode(false));
    }

    private void answerTheApp(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String code = form.getFirst(AppAnswers.FIELD_CODE);
        boolean resend = "true".equals(form.getFirst(AppAnswers.FIELD_RESEND));
        requests.open(context, code == null).ifPresent(request -> {
            if (code == null) {
                request.requestCode(resend);
            } else {
                request.verify(code);
            }
        });
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        requests.open(context, CodePage.asksForANewCode(form)).ifPresent(request -> request.submitted(form));
    }
}

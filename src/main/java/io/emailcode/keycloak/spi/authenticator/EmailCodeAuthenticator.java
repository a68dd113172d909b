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
        requests.open(context, true).ifPresent(request -> request.requestCode(false));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        boolean resend = form.containsKey(CodePage.FIELD_RESEND);
        requests.open(context, resend).ifPresent(request -> {
            if (resend) {
                request.requestCode(true);
            } else {
                request.verify(form.getFirst(CodePage.FIELD_CODE));
            }
        });
    }
}

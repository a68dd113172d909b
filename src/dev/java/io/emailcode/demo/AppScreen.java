package io.emailcode.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * "Sign in with the app's own screen": the demo app's server plays a native app. It shows its own address and code
 * forms, calls the authorization challenge endpoint as the realm's native client, keeps the PKCE verifier and the
 * {@code auth_session} in the demo session, and redeems the authorization code at the token endpoint; the person then
 * lands on the same signed-in page as after the browser sign-in. {@link BrowserRoutes} routes its requests.
 */
final class AppScreen {

    static final String PATH = "/app-sign-in";
    static final String CODE_PATH = PATH + "/code";

    private final ChallengeClient challenge;
    private final OidcClient client;
    private final SessionStore sessions;
    private final URI appBase;

    /** @param client the native client, whose tokens the endpoint's authorization codes become */
    AppScreen(ChallengeClient challenge, OidcClient client, SessionStore sessions, URI appBase) {
        this.challenge = challenge;
        this.client = client;
        this.sessions = sessions;
        this.appBase = appBase;
    }

    void addressForm(HttpExchange exchange) throws IOException {
        Exchanges.html(exchange, 200, Pages.appAddress("", null));
    }

    void address(HttpExchange exchange) throws IOException {
        String email = Exchanges.form(exchange).getOrDefault("email", "").strip();
        DemoSession session = sessions.findOrCreate(exchange);
        AppSignIn signIn = AppSignIn.start(email);
        ChallengeAnswer answer = challenge.start(signIn);
        if (answer.authSession() == null) {
            session.startAppSignIn(null);
            Exchanges.html(exchange, 400, Pages.appAddress(email, answer));
            return;
        }
        session.startAppSignIn(signIn.continuedAs(answer.authSession()));
        Exchanges.html(exchange, 200, Pages.appCode(email, null, answer));
    }

    void code(HttpExchange exchange) throws IOException {
        Map<String, String> form = Exchanges.form(exchange);
        Optional<DemoSession> session = sessions.find(exchange);
        AppSignIn signIn = session.map(DemoSession::pendingAppSignIn).orElse(null);
        if (signIn == null) {
            Exchanges.html(exchange, 400, Pages.error("This sign-in was not started here or has ended. Start again."));
            return;
        }
        boolean resend = form.containsKey("resend");
        ChallengeAnswer answer = resend ? challenge.resend(signIn) : challenge.submitCode(signIn, form.getOrDefault("code", "").strip());
        if (answer.authorizationCode() != null) {
            signIn(exchange, session.get(), signIn, answer.authorizationCode());
        } else if (answer.authSession() == null) {
            session.get().startAppSignIn(null);
            Exchanges.html(exchange, 400, Pages.appAddress(signIn.email(), answer));
        } else {
            session.get().startAppSignIn(signIn.continuedAs(answer.authSession()));
            String notice = resend && answer.problem() == null ? "A new code is on its way." : null;
            Exchanges.html(exchange, 200, Pages.appCode(signIn.email(), notice, answer));
        }
    }

    private void signIn(HttpExchange exchange, DemoSession session, AppSignIn signIn, String authorizationCode)
            throws IOException {
        try {
            TokenSet tokens = client.redeem(authorizationCode, signIn.verifier());
            sessions.rotate(session, exchange).signedIn(tokens, client);
            Exchanges.redirect(exchange, appBase.resolve("/me"));
        } catch (InvalidTokenException e) {
            Exchanges.html(exchange, 400, Pages.error("The tokens from Keycloak were refused: " + e.getMessage()));
        }
    }
}

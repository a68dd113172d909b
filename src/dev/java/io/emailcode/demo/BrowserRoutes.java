package io.emailcode.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The pages a person clicks through: home, sign-in, callback, the app's own sign-in screen, the signed-in page and its
 * three actions.
 */
final class BrowserRoutes implements HttpHandler {

    private final OidcClient oidc;
    private final AppScreen appScreen;
    private final SessionStore sessions;
    private final URI appBase;
    private final HttpClient apiClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BrowserRoutes(OidcClient oidc, AppScreen appScreen, SessionStore sessions, URI appBase) {
        this.oidc = oidc;
        this.appScreen = appScreen;
        this.sessions = sessions;
        this.appBase = appBase;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        try {
            switch (route) {
                case "GET /" -> home(exchange);
                case "GET /me" -> signedInPage(exchange);
                case "POST /login" -> login(exchange);
                case "GET /callback" -> callback(exchange);
                case "GET " + AppScreen.PATH -> appScreen.addressForm(exchange);
                case "POST " + AppScreen.PATH -> appScreen.address(exchange);
                case "POST " + AppScreen.CODE_PATH -> appScreen.code(exchange);
                case "POST /call-api" -> signedInAction(exchange, this::callApi);
                case "POST /refresh" -> signedInAction(exchange, this::refresh);
                case "POST /logout" -> signedInAction(exchange, this::logout);
                default -> Exchanges.html(exchange, 404, Pages.error("There is no page " + exchange.getRequestURI().getPath()));
            }
        } catch (OidcException e) {
            Exchanges.html(exchange, 502, Pages.error(e.getMessage()));
        }
    }

    private void home(HttpExchange exchange) throws IOException {
        if (sessions.find(exchange).filter(DemoSession::signedIn).isPresent()) {
            Exchanges.redirect(exchange, appBase.resolve("/me"));
        } else {
            Exchanges.html(exchange, 200, Pages.home());
        }
    }

    /** The protected page: only for a signed-in session. */
    private void signedInPage(HttpExchange exchange) throws IOException {
        Optional<DemoSession> session = sessions.find(exchange).filter(DemoSession::signedIn);
        if (session.isPresent()) {
            Exchanges.html(exchange, 200, Pages.signedIn(session.get()));
        } else {
            Exchanges.redirect(exchange, appBase.resolve("/"));
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        DemoSession session = sessions.findOrCreate(exchange);
        LoginAttempt attempt = LoginAttempt.create();
        session.startLogin(attempt);
        Exchanges.redirect(exchange, oidc.authorizationUrl(attempt));
    }

    private void callback(HttpExchange exchange) throws IOException {
        Map<String, String> query = Exchanges.query(exchange);
        Optional<DemoSession> session = sessions.find(exchange);
        LoginAttempt attempt = session.map(DemoSession::pendingLogin).orElse(null);
        if (attempt == null || !attempt.matchesState(query.get("state"))) {
            Exchanges.html(exchange, 400, Pages.error("This sign-in was not started here or has already been used. Sign in again."));
            return;
        }
        session.get().startLogin(null);
        if (query.containsKey("error")) {
            Exchanges.html(exchange, 400, Pages.error("Keycloak answered: " + query.get("error") + " "
                    + query.getOrDefault("error_description", "")));
            return;
        }
        try {
            TokenSet tokens = oidc.exchange(query.getOrDefault("code", ""), attempt);
            sessions.rotate(session.get(), exchange).signedIn(tokens, oidc);
            Exchanges.redirect(exchange, appBase.resolve("/me"));
        } catch (InvalidTokenException e) {
            Exchanges.html(exchange, 400, Pages.error("The tokens from Keycloak were refused: " + e.getMessage()));
        }
    }

    private interface Action {
        void run(HttpExchange exchange, DemoSession session) throws IOException;
    }

    /** Runs only for a signed-in session whose form carried the session's CSRF token. */
    private void signedInAction(HttpExchange exchange, Action action) throws IOException {
        Optional<DemoSession> session = sessions.find(exchange).filter(DemoSession::signedIn);
        String csrf = Exchanges.form(exchange).get("csrf");
        if (session.isEmpty()) {
            Exchanges.redirect(exchange, appBase.resolve("/"));
        } else if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                session.get().csrfToken().getBytes(StandardCharsets.UTF_8))) {
            Exchanges.html(exchange, 403, Pages.error("This form is out of date. Go back and try again."));
        } else {
            action.run(exchange, session.get());
        }
    }

    /** Calls the app's own API the way any client of it would: over HTTP with the access token. */
    private void callApi(HttpExchange exchange, DemoSession session) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(apiBase().resolve("/api/whoami")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + session.tokens().accessToken()).GET().build();
        try {
            HttpResponse<String> response = apiClient.send(request, HttpResponse.BodyHandlers.ofString());
            session.show(null, "GET /api/whoami -> HTTP " + response.statusCode() + "\n" + response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Exchanges.redirect(exchange, appBase.resolve("/me"));
    }

    private void refresh(HttpExchange exchange, DemoSession session) throws IOException {
        try {
            session.signedIn(session.signedInWith().refresh(session.tokens()), session.signedInWith());
            session.show("Tokens refreshed.", null);
            Exchanges.redirect(exchange, appBase.resolve("/me"));
        } catch (InvalidTokenException e) {
            Exchanges.html(exchange, 400, Pages.error("The refreshed tokens were refused: " + e.getMessage()));
        }
    }

    private void logout(HttpExchange exchange, DemoSession session) throws IOException {
        sessions.remove(session, exchange);
        Exchanges.redirect(exchange, session.signedInWith().logoutUrl(session.tokens()));
    }

    /** The API runs in this server; it is called on loopback by address, whatever name the browser used. */
    private URI apiBase() {
        return URI.create("http://127.0.0.1:" + appBase.getPort());
    }
}

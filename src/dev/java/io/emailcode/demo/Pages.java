package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The demo app's HTML. Every value that comes from outside goes through {@link Html#escape}. */
final class Pages {

    /** ID token claims shown on the protected page, in this order. */
    static final List<String> SHOWN_CLAIMS = List.of(
            "email", "email_verified", "name", "preferred_username", "sub", "acr", "auth_time", "iat", "exp", "sid");
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}"
            + "form{display:inline-block;margin:.5rem .5rem .5rem 0}pre{background:#f4f4f4;padding:.8rem;overflow:auto}"
            + ".notice{color:#05620a}.error{color:#a00}";

    private Pages() {
    }

    static String home() {
        return page("Demo app", """
                <h1>Demo app</h1>
                <p>An ordinary OIDC app of the realm <code>demo</code>. Signing in sends you to Keycloak, which asks
                for your email address and emails you a one-time code (read it in the SES emulator's inbox).</p>
                <form method="post" action="/login"><button type="submit">Sign in</button></form>
                <p>A mobile or desktop app can show its own form instead: the demo app's server then plays that app.</p>
                <p><a href="/app-sign-in">Sign in with the app's own screen</a></p>
                """);
    }

    /**
     * The app's own address form; {@code answer} is the endpoint's refusal of the last address, or null.
     */
    static String appAddress(String email, ChallengeAnswer answer) {
        return page("Sign in with the app's own screen", """
                <h1>Sign in with the app's own screen</h1>
                <p>This page plays a mobile or desktop app with its own sign-in form. The demo app's server calls the
                realm's authorization challenge endpoint as the client <code>demo-native</code>: no redirect to
                Keycloak's pages.</p>
                """ + message(answer == null ? null : answer.problem(), true)
                + "<form method=\"post\" action=\"" + AppScreen.PATH + "\"><label for=\"email\">Email address</label> "
                + "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required value=\""
                + Html.escape(email) + "\"> <button type=\"submit\">Send me a code</button></form>\n"
                + shown(answer) + "<p><a href=\"/\">Back to the demo app</a></p>");
    }

    /** The app's own code form, with the endpoint's last answer: a problem, or the {@code notice} of a new code. */
    static String appCode(String email, String notice, ChallengeAnswer answer) {
        String problem = answer.problem();
        return page("Type the code", "<h1>Type the code</h1>\n<p id=\"app-instruction\">If " + Html.escape(email)
                + " can sign in, a code is on its way to it. Type the code from the email.</p>\n"
                + message(problem == null ? notice : problem, problem != null)
                + "<form method=\"post\" action=\"" + AppScreen.CODE_PATH + "\"><label for=\"code\">Code</label> "
                + "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required"
                + " aria-describedby=\"app-instruction\" autofocus> <button type=\"submit\">Sign in</button></form>\n"
                + "<form method=\"post\" action=\"" + AppScreen.CODE_PATH + "\"><button type=\"submit\" id=\"app-resend\""
                + " name=\"resend\" value=\"true\">Send a new code</button></form>\n"
                + "<p><a href=\"" + AppScreen.PATH + "\">Use another email address</a></p>\n" + shown(answer));
    }

    /** An error is an alert, a notice a polite status; both have the id the tests and screen readers find. */
    private static String message(String text, boolean error) {
        return text == null ? "" : "<p id=\"app-message\" class=\"" + (error ? "error\" role=\"alert" : "notice\" role=\"status")
                + "\">" + Html.escape(text) + "</p>\n";
    }

    /** The endpoint's JSON, folded away: what a developer of such an app wants to see. */
    private static String shown(ChallengeAnswer answer) {
        return answer == null ? "" : "<details><summary>Keycloak's answer</summary><pre id=\"app-answer\">"
                + Html.escape(answer.asShown()) + "</pre></details>\n";
    }

    static String signedIn(DemoSession session) {
        TokenSet tokens = session.tokens();
        JsonNode claims = tokens.idClaims();
        StringBuilder rows = new StringBuilder();
        for (String name : SHOWN_CLAIMS) {
            if (claims.has(name)) {
                rows.append("<tr><th>").append(Html.escape(name)).append("</th><td>")
                        .append(Html.escape(display(name, claims.get(name)))).append("</td></tr>\n");
            }
        }
        String csrf = "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.escape(session.csrfToken()) + "\">";
        String notice = session.notice() == null ? "" : "<p class=\"notice\">" + Html.escape(session.notice()) + "</p>";
        String api = session.apiResult() == null ? "" : "<h2>API answer</h2><pre id=\"api-result\">"
                + Html.escape(session.apiResult()) + "</pre>";
        return page("Signed in", "<h1>Signed in as " + Html.escape(claims.path("email").asText(claims.path("sub").asText()))
                + "</h1>\n" + notice
                + "<h2>ID token</h2>\n<table id=\"claims\">\n" + rows + "</table>\n"
                + "<p>Access token valid until " + Html.escape(tokens.accessTokenExpiresAt()) + ".</p>\n"
                + form("/call-api", csrf, "Call the API") + form("/refresh", csrf, "Refresh tokens")
                + form("/logout", csrf, "Sign out") + "\n" + api);
    }

    static String error(String message) {
        return page("Sign-in problem", "<h1>Sign-in problem</h1>\n<p class=\"error\">" + Html.escape(message)
                + "</p>\n<p><a href=\"/\">Back to the demo app</a></p>");
    }

    private static String form(String action, String csrf, String label) {
        return "<form method=\"post\" action=\"" + action + "\">" + csrf + "<button type=\"submit\">"
                + Html.escape(label) + "</button></form>";
    }

    private static String display(String claim, JsonNode value) {
        boolean epochSeconds = claim.equals("auth_time") || claim.equals("iat") || claim.equals("exp");
        return epochSeconds && value.canConvertToLong()
                ? value.asLong() + " (" + Instant.ofEpochSecond(value.asLong()) + ")"
                : value.isTextual() ? value.asText() : value.toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>" + STYLE + "</style></head>\n<body><main>\n" + body + "\n</main></body></html>\n";
    }
}

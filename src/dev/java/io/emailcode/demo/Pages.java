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
                """);
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
                + "</title><style>" + STYLE + "</style></head>\n<body>\n" + body + "\n</body></html>\n";
    }
}

package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/whoami}: a bearer-protected API that answers with who the access token belongs to. It accepts the
 * access tokens of each of the app's clients (the browser sign-in's and the app's own screen's).
 */
final class WhoAmIApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer ";

    private final List<TokenVerifier> verifiers;

    WhoAmIApi(List<TokenVerifier> verifiers) {
        this.verifiers = List.copyOf(verifiers);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            Exchanges.json(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"demo-app\"");
            Exchanges.json(exchange, 401, "{\"error\":\"missing_token\"}");
            return;
        }
        try {
            JsonNode claims = verified(authorization.substring(BEARER.length()).trim());
            Exchanges.json(exchange, 200, whoami(claims).toPrettyString());
        } catch (OidcException e) {
            Exchanges.json(exchange, 503, "{\"error\":\"signing_keys_unavailable\"}");
        } catch (InvalidTokenException e) {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "Bearer realm=\"demo-app\", error=\"invalid_token\"");
            ObjectNode error = JSON.createObjectNode().put("error", "invalid_token").put("error_description", e.getMessage());
            Exchanges.json(exchange, 401, error.toString());
        }
    }

    /** The token's claims if one of the app's clients accepts it; otherwise the first client's reason. */
    private JsonNode verified(String token) throws InvalidTokenException {
        InvalidTokenException refused = null;
        for (TokenVerifier verifier : verifiers) {
            try {
                return verifier.verifyAccessToken(token);
            } catch (InvalidTokenException e) {
                refused = refused == null ? e : refused;
            }
        }
        throw refused;
    }

    private static ObjectNode whoami(JsonNode claims) {
        ObjectNode body = JSON.createObjectNode();
        for (String name : new String[] {"sub", "email", "name", "preferred_username", "azp", "scope", "acr", "exp"}) {
            if (claims.has(name)) {
                body.set(name, claims.get(name));
            }
        }
        return body;
    }
}

package io.emailcode.keycloak.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls Keycloak's admin REST API as the bootstrap admin, with one access token until shortly before it expires.
 * Each new token is a password sign-in, which costs Keycloak an argon2id hash: fetched for every call, tokens were
 * most of the CPU the tests' preparations (creating accounts, changing settings) cost Keycloak. One per Keycloak
 * address, shared by every test class of the JVM.
 */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(10);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<URI, AdminApi> BY_SERVER = new ConcurrentHashMap<>();

    private final URI keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    private AdminApi(URI keycloak) {
        this.keycloak = keycloak;
    }

    /** The admin of the Keycloak (or the cluster's proxy) at this address. */
    public static AdminApi of(URI keycloak) {
        return BY_SERVER.computeIfAbsent(keycloak, AdminApi::new);
    }

    /** A call with a JSON body, or none, to {@code path} from the server's root ({@code /admin/realms/...}). */
    public HttpResponse<String> call(String method, String path, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(keycloak.resolve(path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /**
     * Sends the request with the token, and once more with a new one if Keycloak refuses it: a test moved Keycloak's
     * clock past its expiry, or restarted the node that held its session.
     */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        String used = current();
        HttpResponse<String> response = exchange(authorized(request, used));
        if (response.statusCode() != 401) {
            return response;
        }
        forget(used);
        return exchange(authorized(request, current()));
    }

    private static HttpRequest authorized(HttpRequest.Builder request, String token) {
        return request.copy().setHeader("Authorization", "Bearer " + token).build();
    }

    private synchronized String current() {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            HttpResponse<String> response = exchange(HttpRequest.newBuilder(
                            keycloak.resolve("/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(TOKEN_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(LoginBrowser.form(Map.of(
                            "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"))))
                    .build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No admin token: " + response.statusCode() + " " + response.body());
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                token = body.get("access_token").asText();
                renewAt = Instant.now().plusSeconds(body.path("expires_in").asLong(0)).minus(RENEW_BEFORE_EXPIRY);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    private synchronized void forget(String used) {
        if (used.equals(token)) {
            token = null;
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Admin call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

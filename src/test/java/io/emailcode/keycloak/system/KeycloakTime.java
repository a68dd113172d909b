package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Moves the tests' Keycloak clock (and with it the product's: it reads Keycloak's time) through the test-only
 * provider, so expiry, cooldowns and locks are tested without waiting. Tests put it back when they are done.
 */
public final class KeycloakTime {

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakTime(URI keycloak, String realm) {
        this.endpoint = keycloak.resolve("/realms/" + realm + "/email-code-testing/time");
    }

    /** Sets Keycloak's clock to real time plus {@code offset}. */
    public void set(Duration offset) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(LoginBrowser.form(Map.of("offset-seconds",
                        Long.toString(offset.toSeconds()))))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "the tests' Keycloak has the time-travel provider: " + response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Could not move Keycloak's clock", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void reset() {
        set(Duration.ZERO);
    }
}

package io.emailcode.keycloak.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keycloak's metrics endpoint (management port, Prometheus text), as an operator's scraper reads it. */
final class KeycloakMetrics {

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakMetrics(int managementPort) {
        this.endpoint = URI.create("http://127.0.0.1:" + managementPort + "/metrics");
    }

    /** The sum of a counter's series whose labels contain {@code labels} (e.g. {@code outcome="lost"}). */
    double sum(String name, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(read());
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    /**
     * Waits until every code email handed over has been sent or has failed: emails leave after the response, so a
     * test that reads the inbox right after a page would otherwise race them.
     */
    void awaitCodeEmailsOut(Duration timeout) {
        Await.condition("every code email handed over to be sent", timeout, () -> {
            String codes = "keycloak_email_code_codes_total";
            return sum(codes, "event=\"issued\"") == sum(codes, "event=\"sent\"") + sum(codes, "event=\"send_failed\"");
        });
    }

    private String read() {
        try {
            return http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak's metrics endpoint is not readable: " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

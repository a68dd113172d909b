package io.emailcode.keycloak.system;

import io.emailcode.keycloak.benchmark.ProviderMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keycloak's metrics endpoint (management port, Prometheus text), as an operator's scraper reads it. */
final class KeycloakMetrics {

    private final List<URI> endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param managementPorts every node's management port; their counters are summed */
    KeycloakMetrics(List<Integer> managementPorts) {
        this.endpoints = managementPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/metrics")).toList();
    }

    /**
     * The sum over the nodes of a counter's series whose labels contain {@code labels} (e.g. {@code outcome="lost"}).
     * A node that does not answer (stopped, killed) counts nothing.
     */
    double sum(String name, String labels) {
        Pattern series = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        double sum = 0;
        for (URI endpoint : endpoints) {
            Matcher m = series.matcher(read(endpoint));
            while (m.find()) {
                if (m.group(1).contains(labels)) {
                    sum += Double.parseDouble(m.group(2));
                }
            }
        }
        return sum;
    }

    /**
     * Waits until every code email handed over has been sent, has failed, or was not sent because the typed address
     * had no recipient or the pool had no one to import (import on proof), as {@link ProviderMetrics#MAILED} lists
     * them: emails leave after the response, so a test that reads the inbox right after a page would otherwise race
     * them.
     */
    void awaitCodeEmailsOut(Duration timeout) {
        Await.condition("every code email handed over to be sent", timeout, () -> {
            double mailed = 0;
            for (String event : ProviderMetrics.MAILED) {
                mailed += sum(ProviderMetrics.CODES, "event=\"" + event + "\"");
            }
            return sum(ProviderMetrics.CODES, "event=\"issued\"") == mailed;
        });
    }

    private String read(URI endpoint) {
        try {
            return http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

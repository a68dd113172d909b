package io.emailcode.keycloak.system;

import io.emailcode.keycloak.benchmark.ProviderMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        return sums(name, List.of(labels)).get(0);
    }

    /** {@link #sum} for several label filters, from one read of each node's endpoint. */
    List<Double> sums(String name, List<String> labelFilters) {
        Pattern series = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        double[] sums = new double[labelFilters.size()];
        for (URI endpoint : endpoints) {
            Matcher m = series.matcher(read(endpoint));
            while (m.find()) {
                for (int i = 0; i < sums.length; i++) {
                    if (m.group(1).contains(labelFilters.get(i))) {
                        sums[i] += Double.parseDouble(m.group(2));
                    }
                }
            }
        }
        return Arrays.stream(sums).boxed().toList();
    }

    /**
     * Waits until every code email handed over has been sent, has failed, or was not sent because the typed address
     * had no recipient or the pool had no one to import (import on proof), as {@link ProviderMetrics#MAILED} lists
     * them: emails leave after the response, so a test that reads the inbox right after a page would otherwise race
     * them.
     */
    void awaitCodeEmailsOut(Duration timeout) {
        awaitCodeEmailsOut(timeout, Await.POLL);
    }

    /** {@link #awaitCodeEmailsOut(Duration)}, looking every {@code poll}: for measurements that wait before each request. */
    void awaitCodeEmailsOut(Duration timeout, Duration poll) {
        List<String> outcomes = new ArrayList<>(List.of("event=\"issued\""));
        ProviderMetrics.MAILED.forEach(event -> outcomes.add("event=\"" + event + "\""));
        Await.condition("every code email handed over to be sent", timeout, poll, () -> {
            List<Double> counts = sums(ProviderMetrics.CODES, outcomes);
            return counts.get(0) == counts.subList(1, counts.size()).stream().mapToDouble(Double::doubleValue).sum();
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

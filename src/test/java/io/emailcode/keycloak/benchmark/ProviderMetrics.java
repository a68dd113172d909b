package io.emailcode.keycloak.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One reading of Keycloak's metrics endpoint (Prometheus text), as an operator's scraper takes it. */
public final class ProviderMetrics {

    public static final String AWS_CALLS = "keycloak_email_code_aws_calls_total";
    public static final String AWS_ATTEMPTS = "keycloak_email_code_aws_attempts_total";
    public static final String VERIFICATIONS = "keycloak_email_code_verifications_total";
    public static final String CODES = "keycloak_email_code_codes_total";
    public static final String MIRROR = "keycloak_cognito_mirror_total";
    /** What the mailer counts for each code handed to it ({@code issued}): their sum is {@code issued} once it has caught up. */
    public static final List<String> MAILED = List.of("sent", "send_failed", "no_recipient", "not_in_pool");
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})? ([0-9.eE+-]+|NaN)$",
            Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Map<Map<String, String>, Double>> series;

    private ProviderMetrics(Map<String, Map<Map<String, String>, Double>> series) {
        this.series = series;
    }

    /** @param managementPort Keycloak's management port ({@code /metrics} with {@code --metrics-enabled=true}) */
    public static ProviderMetrics read(int managementPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics"))
                .timeout(Duration.ofSeconds(20)).build();
        try {
            return parse(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak's metrics endpoint did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ProviderMetrics parse(String text) {
        Map<String, Map<Map<String, String>, Double>> series = new HashMap<>();
        Matcher line = SERIES.matcher(text);
        while (line.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(line.group(2) == null ? "" : line.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            series.computeIfAbsent(line.group(1), k -> new HashMap<>()).put(labels, Double.parseDouble(line.group(3)));
        }
        return new ProviderMetrics(series);
    }

    public boolean has(String name) {
        return series.containsKey(name);
    }

    /** The sum of a metric's series whose labels include every given one ({@code "outcome", "accepted"}, ...). */
    public double sum(String name, String... labelsAndValues) {
        double sum = 0;
        for (Map.Entry<Map<String, String>, Double> entry : series.getOrDefault(name, Map.of()).entrySet()) {
            boolean matches = true;
            for (int i = 0; i < labelsAndValues.length; i += 2) {
                matches &= labelsAndValues[i + 1].equals(entry.getKey().get(labelsAndValues[i]));
            }
            if (matches) {
                sum += entry.getValue();
            }
        }
        return sum;
    }

    /**
     * Every code handed to the mailer has been dealt with: sent, failed, or not sent because the email task found no
     * one to send it to (no recipient, not in the pool). Emails leave after the response, so loads wait for this.
     */
    public boolean codeEmailsOut() {
        double mailed = 0;
        for (String event : MAILED) {
            mailed += sum(CODES, "event", event);
        }
        return sum(CODES, "event", "issued") == mailed;
    }

    /** AWS calls by {@code "service Operation"}, every outcome together. */
    public Map<String, Long> awsCalls() {
        return byOperation(AWS_CALLS);
    }

    public Map<String, Long> awsAttempts() {
        return byOperation(AWS_ATTEMPTS);
    }

    private Map<String, Long> byOperation(String name) {
        Map<String, Long> calls = new TreeMap<>();
        series.getOrDefault(name, Map.of()).forEach((labels, value) ->
                calls.merge(labels.get("service") + " " + labels.get("operation"), Math.round(value), Long::sum));
        return calls;
    }

    /** What changed since {@code earlier}, by {@code "service Operation"}; operations without calls in between are left out. */
    public static Map<String, Long> delta(Map<String, Long> earlier, Map<String, Long> later) {
        Map<String, Long> delta = new TreeMap<>();
        later.forEach((operation, count) -> {
            long d = count - earlier.getOrDefault(operation, 0L);
            if (d != 0) {
                delta.put(operation, d);
            }
        });
        return delta;
    }
}

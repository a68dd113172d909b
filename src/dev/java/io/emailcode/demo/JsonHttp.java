package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** JSON over HTTP with bounded timeouts: what the app needs from Keycloak's endpoints. */
final class JsonHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    JsonNode get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    JsonNode postForm(URI uri, Map<String, String> fields) {
        return send(formPost(uri, fields));
    }

    private static HttpRequest formPost(URI uri, Map<String, String> fields) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    /**
     * A form POST whose refusals are part of the conversation (the authorization challenge endpoint answers 403 until
     * the code is right): the answer of any status, as long as it is JSON.
     */
    Answer postFormForAnswer(URI uri, Map<String, String> fields) {
        return exchange(formPost(uri, fields));
    }

    /** An HTTP status and its JSON body. */
    record Answer(int status, JsonNode body) {
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode send(HttpRequest request) {
        Answer answer = exchange(request);
        if (answer.status() != 200) {
            throw new OidcException(request.uri().getPath() + " answered HTTP " + answer.status()
                    + " " + answer.body().path("error").asText("") + " " + answer.body().path("error_description").asText(""));
        }
        return answer.body();
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
        } catch (IOException e) {
            throw new OidcException("Could not reach " + request.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcException("Interrupted while calling " + request.uri());
        }
    }
}

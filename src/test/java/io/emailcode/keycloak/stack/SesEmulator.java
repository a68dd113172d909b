package io.emailcode.keycloak.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

/**
 * The SES emulator (npm {@code aws-ses-v2-local}) on loopback. Its web page at the root is the inbox of the
 * local stack; {@code GET /store} gives the sent emails as JSON. It keeps only the first To address.
 */
public final class SesEmulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManagedProcess process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SesEmulator(ManagedProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static SesEmulator start(StackSettings settings, int port) {
        Path modules = NodeModules.ensureInstalled(settings.projectDir());
        ManagedProcess process = ManagedProcess.start("SES emulator",
                List.of("node", modules.resolve("aws-ses-v2-local/dist/cli.js").toString(), "--host", "127.0.0.1", "--port", String.valueOf(port)),
                Map.of(), settings.projectDir(), settings.workDir().resolve("ses-emulator-" + port + ".log"));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            process.awaitHttp(endpoint.resolve("/health-check"), s -> s == 200, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new SesEmulator(process, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Every email sent since the last {@link #clear()}, oldest first. */
    public List<ReceivedEmail> inbox() {
        JsonNode store = read(HttpRequest.newBuilder(endpoint.resolve("/store")).GET());
        List<ReceivedEmail> emails = new ArrayList<>();
        for (JsonNode e : store.path("emails")) {
            List<String> replyTo = new ArrayList<>();
            e.path("replyTo").forEach(r -> replyTo.add(r.asText()));
            JsonNode to = e.path("destination").path("to");
            emails.add(new ReceivedEmail(e.path("messageId").asText(), e.path("from").asText(), replyTo,
                    to.isEmpty() ? "" : to.get(0).asText(), e.path("subject").asText(),
                    e.path("body").path("text").asText(null), e.path("body").path("html").asText(null), e.path("at").asLong()));
        }
        return emails;
    }

    public void clear() {
        read(HttpRequest.newBuilder(endpoint.resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The newest email to the address, waiting for it up to the timeout. */
    public ReceivedEmail awaitEmailTo(String address, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        do {
            List<ReceivedEmail> inbox = inbox();
            for (int i = inbox.size() - 1; i >= 0; i--) {
                if (inbox.get(i).to().equalsIgnoreCase(address)) {
                    return inbox.get(i);
                }
            }
            ManagedProcess.sleep(Duration.ofMillis(200));
        } while (Instant.now().isBefore(deadline));
        throw new StackException("No email to " + address + " arrived within " + timeout.toSeconds() + " s");
    }

    private JsonNode read(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StackException("The SES emulator did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}

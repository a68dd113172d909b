package io.emailcode.stack;

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
import java.util.Optional;

/** The SES emulator's inbox over HTTP ({@code GET /store}, {@code POST /clear-store}), wherever the emulator runs. */
public final class SesInbox {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    public SesInbox(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Everything the emulator received since it started or was last cleared, oldest first. */
    public List<ReceivedEmail> emails() {
        return read("/store");
    }

    /**
     * What the emulator received in the second of {@code since} or later, oldest first: the emulator's own filter, so a
     * poll costs what is new, not the whole store. The emulator keeps whole seconds: the same email may come again in
     * the next poll of that second.
     */
    public List<ReceivedEmail> emailsSince(Instant since) {
        return read("/store?since=" + since.getEpochSecond());
    }

    private List<ReceivedEmail> read(String path) {
        JsonNode store = readJson(call(HttpRequest.newBuilder(endpoint.resolve(path)).GET()));
        List<ReceivedEmail> emails = new ArrayList<>();
        store.path("emails").forEach(email -> emails.add(new ReceivedEmail(
                email.path("messageId").asText(),
                email.path("from").asText(),
                strings(email.path("replyTo")),
                strings(email.path("destination").path("to")),
                strings(email.path("destination").path("cc")),
                strings(email.path("destination").path("bcc")),
                email.path("subject").asText(),
                textOrNull(email.path("body").path("text")),
                textOrNull(email.path("body").path("html")),
                Instant.ofEpochSecond(email.path("at").asLong()))));
        return emails;
    }

    public void clear() {
        call(HttpRequest.newBuilder(endpoint.resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The newest email to {@code address}, waiting for it up to {@code timeout}. */
    public ReceivedEmail awaitEmailTo(String address, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ReceivedEmail> email = emails().stream().filter(e -> e.isAddressedTo(address)).reduce((first, second) -> second);
            if (email.isPresent()) {
                return email.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("No email to " + address + " reached the SES emulator within "
                        + timeout.toMillis() + " ms");
            }
            ManagedProcess.sleep(POLL_INTERVAL);
        }
    }

    private String call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("SES emulator answered HTTP " + response.statusCode() + " to " + response.uri().getPath());
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("SES emulator at " + endpoint + " could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while talking to the SES emulator", e);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new StackException("SES emulator answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String textOrNull(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}

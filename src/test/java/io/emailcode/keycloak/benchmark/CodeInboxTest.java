package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.emailcode.stack.SesInbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CodeInboxTest {

    private HttpServer emulator;
    private volatile String store = "{\"emails\":[]}";

    @BeforeEach
    void startEmulator() throws IOException {
        emulator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        emulator.createContext("/store", exchange -> {
            byte[] body = store.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        emulator.start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.stop(0);
    }

    @Test
    void twoEmailsWithTheSameMessageIdAreBothRead() {
        // The SES emulator draws message ids from 9 random digits: over tens of thousands of emails two meet.
        long now = Instant.now().getEpochSecond();
        store = "{\"emails\":[" + email("ses-123456789", "a@example.com", "111111", now) + ","
                + email("ses-123456789", "b@example.com", "222222", now) + "]}";
        try (CodeInbox inbox = new CodeInbox(new SesInbox(URI.create("http://127.0.0.1:" + emulator.getAddress().getPort())), code -> { })) {
            assertEquals(Optional.of("111111"), await(inbox, "a@example.com"));
            assertEquals(Optional.of("222222"), await(inbox, "b@example.com"));
        }
    }

    @Test
    void anEmailReadAgainInALaterPollIsNotTakenForANewCode() {
        long now = Instant.now().getEpochSecond();
        store = "{\"emails\":[" + email("ses-100000001", "a@example.com", "111111", now) + "]}";
        try (CodeInbox inbox = new CodeInbox(new SesInbox(URI.create("http://127.0.0.1:" + emulator.getAddress().getPort())), code -> { })) {
            assertEquals(Optional.of("111111"), await(inbox, "a@example.com"));
            inbox.forget("a@example.com");
            pause(Duration.ofMillis(200)); // several polls that return the same email again
            assertEquals(Optional.empty(), inbox.code("a@example.com"));
        }
    }

    private static Optional<String> await(CodeInbox inbox, String address) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (inbox.code(address).isEmpty() && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(10));
        }
        return inbox.code(address);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String email(String messageId, String to, String code, long at) {
        return "{\"messageId\":\"" + messageId + "\",\"from\":\"login@example.com\",\"destination\":{\"to\":[\"" + to
                + "\"]},\"subject\":\"Your code\",\"body\":{\"text\":\"Your code is " + code + ".\"},\"at\":" + at + "}";
    }
}

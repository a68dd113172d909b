package io.emailcode.keycloak.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Every call a client built by {@link AwsClients} makes is reported once, with what an operator needs to count it. */
class AwsCallInterceptorTest {

    private static final String CONDITION_FAILED =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}";
    private static final String THROTTLED =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"Rate exceeded\"}";

    private final List<AwsCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSuccessfulCallIsReportedOnceWithItsServiceOperationAndOneAttempt() {
        try (DynamoDbClient client = clientAnswering(200, "{}", 3, calls::add)) {
            client.updateItem(b -> b.tableName("codes").key(java.util.Map.of()));
        }
        assertEquals(1, calls.size());
        AwsCall call = calls.get(0);
        assertEquals("dynamodb", call.service());
        assertEquals("UpdateItem", call.operation());
        assertEquals(AwsCall.Outcome.SUCCESS, call.outcome());
        assertEquals(1, call.attempts());
        assertTrue(call.duration().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aFailedConditionIsAnAnswerThatRefusedNotAnOutage() {
        try (DynamoDbClient client = clientAnswering(400, CONDITION_FAILED, 3, calls::add)) {
            assertThrows(ConditionalCheckFailedException.class, () -> client.updateItem(b -> b.tableName("codes")));
        }
        assertEquals(List.of(AwsCall.Outcome.REJECTED), calls.stream().map(AwsCall::outcome).toList());
        assertEquals(1, calls.get(0).attempts(), "a refusal is not retried");
    }

    @Test
    void serverErrorsRetriedToTheLastAttemptAreOneFailedCallWithEveryAttemptCounted() {
        try (DynamoDbClient client = clientAnswering(500, "{}", 3, calls::add)) {
            assertThrows(DynamoDbException.class, () -> client.transactWriteItems(b -> b.transactItems(List.of())));
        }
        assertEquals(1, calls.size());
        assertEquals("TransactWriteItems", calls.get(0).operation());
        assertEquals(AwsCall.Outcome.FAILED, calls.get(0).outcome());
        assertEquals(3, calls.get(0).attempts());
        assertEquals(3, requests.get());
    }

    @Test
    void throttlingAfterEveryRetryIsAFailureNotARefusal() {
        try (DynamoDbClient client = clientAnswering(400, THROTTLED, 1, calls::add)) {
            assertThrows(DynamoDbException.class, () -> client.updateItem(b -> b.tableName("codes")));
        }
        assertEquals(AwsCall.Outcome.FAILED, calls.get(0).outcome());
    }

    @Test
    void aListenerThatThrowsDoesNotChangeWhatTheCallReturns() {
        try (DynamoDbClient client = clientAnswering(200, "{\"Attributes\":{}}", 1, call -> {
            throw new IllegalStateException("broken counter");
        })) {
            assertTrue(client.updateItem(b -> b.tableName("codes")).attributes().isEmpty());
        }
    }

    @Test
    void anEmailSentThroughSesV2IsCountedUnderSesAsOperatorsKnowIt() {
        try (SesV2Client client = AwsClients.build(SesV2Client.builder(), answering(200, "{\"MessageId\":\"m-1\"}", 1), calls::add)) {
            client.sendEmail(b -> b.fromEmailAddress("noreply@example.com").destination(d -> d.toAddresses("alice@example.com"))
                    .content(c -> c.simple(m -> m.subject(t -> t.data("Code")).body(t -> t.text(x -> x.data("493027"))))));
        }
        assertEquals(List.of("ses SendEmail"), calls.stream().map(call -> call.service() + " " + call.operation()).toList());
    }

    private DynamoDbClient clientAnswering(int status, String body, int maxAttempts, AwsCallListener listener) {
        return AwsClients.build(DynamoDbClient.builder(), answering(status, body, maxAttempts), listener);
    }

    /** Settings for a client whose every call this test's server answers with {@code status} and {@code body}. */
    private AwsClientSettings answering(int status, String body, int maxAttempts) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return new AwsClientSettings(Optional.of("us-east-1"),
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
                Duration.ofSeconds(10), Duration.ofSeconds(5), maxAttempts);
    }
}

package io.emailcode.keycloak.spi.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.Rehearsal;
import io.emailcode.keycloak.aws.ses.SesEmailGateway;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailRehearsalTest {

    /** The server's SES, as configured: nothing listens there, so an email that reached it would fail. */
    private static final AwsClientSettings UNREACHABLE = new AwsClientSettings(Optional.of("eu-west-1"),
            Optional.of(URI.create("http://127.0.0.1:1")), Duration.ofSeconds(2), Duration.ofSeconds(1), 3);

    @Test
    void eachRehearsedEmailIsAcceptedOnLoopbackWithoutReachingTheServersSes() {
        List<String> messageIds = new ArrayList<>();

        int rounds = SesEmailGateway.rehearse(UNREACHABLE, Duration.ofSeconds(Rehearsal.SECONDS.defaultValue()), Optional.of("sign-in-codes"), delivery -> new EmailRehearsal(email -> {
            String id = delivery.send(email);
            messageIds.add(id);
            return id;
        }));

        assertTrue(rounds > 0, "rounds: " + rounds);
        assertEquals(rounds, messageIds.size());
        assertTrue(messageIds.stream().allMatch("rehearsal"::equals), messageIds.toString());
    }
}

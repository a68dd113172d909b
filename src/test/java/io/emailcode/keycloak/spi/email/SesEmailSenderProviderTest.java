package io.emailcode.keycloak.spi.email;

import io.emailcode.keycloak.aws.ses.SesEmailGateway;
import io.emailcode.keycloak.aws.ses.FakeSesClient;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;

import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

class SesEmailSenderProviderTest {

    private static final Map<String, String> REALM = Map.of(
            "from", "noreply@example.com", "fromDisplayName", "Example",
            "replyTo", "help@example.com", "replyToDisplayName", "",
            "envelopeFrom", "bounces@example.com",
            "host", "smtp.example.com", "allowutf8", "true");

    private final FakeSesClient ses = FakeSesClient.accepting("msg-1");
    private final SesEmailSenderProvider provider = new SesEmailSenderProvider(new SesEmailGateway(ses.client(), Optional.empty()));

    @Test
    void sendsWithTheRealmsSenderReplyToAndBounceAddress() throws EmailException {
        provider.send(REALM, "alice@example.com", "Sign in", "text", "<p>html</p>");

        SendEmailRequest request = ses.requests().get(0);
        assertEquals("Example <noreply@example.com>", request.fromEmailAddress());
        assertEquals(List.of("help@example.com"), request.replyToAddresses());
        assertEquals("bounces@example.com", request.feedbackForwardingEmailAddress());
        assertEquals(List.of("alice@example.com"), request.destination().toAddresses());
    }

    @Test
    void recipientWithInjectedHeaderIsRefusedBeforeAnythingIsSent() {
        assertThrows(EmailException.class, () -> provider.send(REALM,
                "alice@example.com\r\nBcc: mallory@evil.example", "Sign in", "text", "<p>html</p>"));
        assertThrows(EmailException.class, () -> provider.send(REALM,
                "alice@example.com, mallory@evil.example", "Sign in", "text", "<p>html</p>"));

        assertTrue(ses.requests().isEmpty());
    }

    @Test
    void subjectWithLineBreakIsSentAsOneLine() throws EmailException {
        provider.send(REALM, "alice@example.com", "Sign in\r\nBcc: mallory@evil.example", "text", null);

        assertEquals("Sign in Bcc: mallory@evil.example", ses.requests().get(0).content().simple().subject().data());
    }

    @Test
    void missingBodyIsOmittedAndNoBodyAtAllIsRefused() throws EmailException {
        provider.send(REALM, "alice@example.com", "Sign in", "text only", null);
        assertNull(ses.requests().get(0).content().simple().body().html());

        assertThrows(EmailException.class, () -> provider.send(REALM, "alice@example.com", "Sign in", "", null));
        assertEquals(1, ses.requests().size());
    }

    @Test
    void validateAcceptsARealmWithAValidFromAddress() {
        assertDoesNotThrow(() -> provider.validate(Map.of("from", "noreply@example.com")));
    }

    @Test
    void validateRefusesAMissingOrMalformedFromAddress() {
        assertThrows(EmailException.class, () -> provider.validate(Map.of()));
        assertThrows(EmailException.class, () -> provider.validate(Map.of("from", "Example <noreply@example.com>")));
        assertThrows(EmailException.class, () -> provider.validate(Map.of("from", "noreply@example.com\nBcc: x@evil.example")));
        assertTrue(ses.requests().isEmpty());
    }
}

package io.emailcode.keycloak.aws.ses;

import io.emailcode.keycloak.mail.MailAddress;
import io.emailcode.keycloak.mail.OutgoingEmail;
import io.emailcode.keycloak.mail.Mailbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import io.emailcode.keycloak.mail.MailException;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class SesEmailGatewayTest {

    private static final String ADDRESS = "alice@example.com";
    private static final String SUBJECT = "Your code is 493027";
    private static final String TEXT = "Enter 493027 to sign in.";
    private static final String HTML = "<p>Enter <b>493027</b> to sign in.</p>";

    @Test
    void sendsHtmlAndTextInUtf8FromTheRealmSenderToOneRecipient() throws MailException {
        FakeSesClient ses = FakeSesClient.accepting("msg-1");

        String messageId = new SesEmailGateway(ses.client(), Optional.empty()).send(email());

        assertEquals("msg-1", messageId);
        SendEmailRequest request = ses.requests().get(0);
        assertEquals("=?UTF-8?B?Wm/DqyBNw7xsbGVy?= <noreply@example.com>", request.fromEmailAddress());
        assertEquals(List.of("Help Desk <help@example.com>"), request.replyToAddresses());
        assertEquals(List.of(ADDRESS), request.destination().toAddresses());
        assertEquals(List.of(), request.destination().ccAddresses());
        assertEquals(List.of(), request.destination().bccAddresses());
        Message message = request.content().simple();
        assertEquals(SUBJECT, message.subject().data());
        assertEquals("UTF-8", message.subject().charset());
        assertEquals(TEXT, message.body().text().data());
        assertEquals("UTF-8", message.body().text().charset());
        assertEquals(HTML, message.body().html().data());
        assertEquals("UTF-8", message.body().html().charset());
        assertNull(request.content().raw());
        assertNull(request.content().template());
        assertNull(request.configurationSetName());
        assertNull(request.feedbackForwardingEmailAddress());
    }

    @Test
    void configuredConfigurationSetIsAppliedToEverySend() throws MailException {
        FakeSesClient ses = FakeSesClient.accepting("msg-1");

        new SesEmailGateway(ses.client(), Optional.of("sign-in-codes")).send(email());

        assertEquals("sign-in-codes", ses.requests().get(0).configurationSetName());
    }

    @Test
    void throttlingAfterRetriesBecomesAnMailExceptionNamingTheAwsCode() {
        SesV2Exception throttled = (SesV2Exception) TooManyRequestsException.builder()
                .statusCode(429).requestId("req-7")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException")
                        .errorMessage("Maximum sending rate exceeded.").build())
                .build();

        MailException e = failure(throttled);

        assertEquals("SES throttled the email after retries (TooManyRequestsException, HTTP 429, request id req-7)", e.getMessage());
    }

    @Test
    void rejectionWhoseAwsTextHoldsTheAddressIsReportedWithoutIt() {
        MessageRejectedException rejected = (MessageRejectedException) MessageRejectedException.builder()
                .statusCode(400).requestId("req-8")
                .message("Email address is not verified. The following identities failed the check: " + ADDRESS)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected")
                        .errorMessage("Email address is not verified: " + ADDRESS).build())
                .build();

        MailException e = failure(rejected);

        assertEquals("SES refused the email (MessageRejected, HTTP 400, request id req-8)", e.getMessage());
    }

    @Test
    void timeoutBecomesAnMailException() {
        MailException e = failure(ApiCallTimeoutException.create(5000));

        assertEquals("SES did not answer within the API call timeout", e.getMessage());
    }

    @Test
    void unreachableEndpointBecomesAnMailExceptionNamingOnlyTheKindOfFailure() {
        SdkClientException unreachable = SdkClientException.builder()
                .message("Unable to execute HTTP request for " + ADDRESS)
                .cause(new ConnectException("Connection refused"))
                .build();

        MailException e = failure(unreachable);

        assertEquals("SES could not be reached (ConnectException)", e.getMessage());
    }

    @Test
    void unexpectedRuntimeFailureStillBecomesAnMailException() {
        assertEquals("SES send failed (IllegalStateException)",
                failure(new IllegalStateException("Connection pool shut down")).getMessage());
    }

    private static MailException failure(RuntimeException sdkFailure) {
        SesEmailGateway gateway = new SesEmailGateway(FakeSesClient.failingWith(sdkFailure).client(), Optional.empty());

        MailException e = assertThrows(MailException.class, () -> gateway.send(email()));

        // Keycloak logs MailExceptions with their causes: the SDK text must not ride along.
        assertNull(e.getCause());
        for (String personal : List.of(ADDRESS, "alice", "493027", SUBJECT)) {
            assertFalse(e.getMessage().contains(personal), e.getMessage());
        }
        return e;
    }

    static OutgoingEmail email() {
        try {
            return new OutgoingEmail(
                    Mailbox.of(MailAddress.parse("noreply@example.com", "from"), "Zoë Müller", "fromDisplayName"),
                    Optional.of(Mailbox.of(MailAddress.parse("help@example.com", "replyTo"), "Help Desk", "replyToDisplayName")),
                    Optional.empty(), MailAddress.parse(ADDRESS, "recipient"), SUBJECT, Optional.of(TEXT), Optional.of(HTML));
        } catch (MailException e) {
            throw new AssertionError(e);
        }
    }
}

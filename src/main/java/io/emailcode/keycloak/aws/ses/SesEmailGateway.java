package io.emailcode.keycloak.aws.ses;

import io.emailcode.keycloak.aws.AwsCallListener;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.aws.AwsErrors;
import io.emailcode.keycloak.aws.Rehearsal;
import io.emailcode.keycloak.mail.MailDelivery;
import io.emailcode.keycloak.mail.MailException;
import io.emailcode.keycloak.mail.OutgoingEmail;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The only place that speaks SES: maps an {@link OutgoingEmail} to a {@code SendEmail} call of SES's v2 API and every
 * failure to a {@link MailException}. The v2 API takes the email as JSON; v1's query protocol URL-encoded both
 * bodies, a third of the call's CPU (docs/benchmarks.md). Failure messages carry the AWS error code and request id at most,
 * never an address, subject or body: SES puts addresses into its own error texts (e.g. "Email address is
 * not verified ... alice@example.com"), and Keycloak logs MailExceptions with their causes, so the SDK
 * exception is deliberately not attached as the cause.
 */
public final class SesEmailGateway implements MailDelivery, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SesEmailGateway.class);
    private static final String UTF_8 = "UTF-8";
    /** What SES answers a {@code SendEmail} it accepted. */
    private static final Rehearsal.Answer ACCEPTED = new Rehearsal.Answer("application/json", "{\"MessageId\":\"rehearsal\"}");

    private final SesV2Client client;
    private final Optional<String> configurationSet;

    public SesEmailGateway(SesV2Client client, Optional<String> configurationSet) {
        this.client = Objects.requireNonNull(client, "client");
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
    }

    /** A gateway with its own SES client, built once per server and closed with it; {@code calls} hears of every call. */
    public static SesEmailGateway connect(AwsClientSettings settings, Optional<String> configurationSet, AwsCallListener calls) {
        return new SesEmailGateway(AwsClients.build(SesV2Client.builder(), settings, calls), configurationSet);
    }

    /**
     * Runs {@code send} at start against a gateway whose SES answers on loopback and accepts every email
     * ({@link Rehearsal}), so the SDK and the HTTP client are loaded and compiled before the first code email. Nothing
     * is sent; never fails; the real client is not used.
     *
     * @param time the bound on the rounds after the first
     * @param send given the rehearsal's gateway, one email's sending through it
     * @return the rounds run; 0 when the rehearsal could not run
     */
    public static int rehearse(AwsClientSettings settings, Duration time, Optional<String> configurationSet,
            Function<MailDelivery, Runnable> send) {
        return Rehearsal.run("SES email sender", SesV2Client.builder(), settings, time, SesEmailGateway::rehearsalAnswer,
                client -> send.apply(new SesEmailGateway(client, configurationSet)));
    }

    /** What the rehearsal's loopback answers: SES accepted the email. */
    public static Rehearsal.Answer rehearsalAnswer(String operation) {
        return ACCEPTED;
    }

    /** Sends the email and returns SES's message id. */
    @Override
    public String send(OutgoingEmail email) throws MailException {
        String messageId;
        try {
            messageId = client.sendEmail(request(email)).messageId();
        } catch (RuntimeException e) {
            MailException failure = new MailException(describe(e));
            LOG.warnf("%s; recipient %s", failure.getMessage(), email.to().masked());
            throw failure;
        }
        LOG.debugf("SES accepted an email, message id %s", messageId);
        return messageId;
    }

    SendEmailRequest request(OutgoingEmail email) {
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(email.from().headerValue())
                .destination(d -> d.toAddresses(email.to().value()))
                .content(c -> c.simple(m -> m.subject(utf8(email.subject())).body(body(email))));
        email.replyTo().ifPresent(replyTo -> request.replyToAddresses(replyTo.headerValue()));
        // v1's ReturnPath: where SES forwards bounces and complaints when feedback forwarding is on.
        email.returnPath().ifPresent(returnPath -> request.feedbackForwardingEmailAddress(returnPath.value()));
        configurationSet.ifPresent(request::configurationSetName);
        return request.build();
    }

    private static Body body(OutgoingEmail email) {
        Body.Builder body = Body.builder();
        email.text().ifPresent(text -> body.text(utf8(text)));
        email.html().ifPresent(html -> body.html(utf8(html)));
        return body.build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }

    /** A message for operators, built only from fields that cannot hold personal data. */
    static String describe(RuntimeException e) {
        if (e instanceof ApiCallTimeoutException) {
            return "SES did not answer within the API call timeout";
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return "SES did not answer within the attempt timeout";
        }
        if (e instanceof AwsServiceException service) {
            String what = service.isThrottlingException() ? "SES throttled the email after retries" : "SES refused the email";
            return what + " (" + AwsErrors.code(service) + ", HTTP " + service.statusCode()
                    + ", request id " + AwsErrors.requestId(service) + ")";
        }
        if (e instanceof SdkClientException) {
            return "SES could not be reached (" + rootCause(e).getClass().getSimpleName() + ")";
        }
        return "SES send failed (" + e.getClass().getSimpleName() + ")";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        client.close();
    }
}

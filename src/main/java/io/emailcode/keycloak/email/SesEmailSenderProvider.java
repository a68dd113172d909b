package io.emailcode.keycloak.email;

import io.emailcode.keycloak.code.EmailAddresses;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Message;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;

/**
 * Keycloak's email sender backed by Amazon SES {@code SendEmail}: every email of the realm (codes,
 * verification, password reset) goes through SES. Failures become {@link EmailException}s whose messages
 * hold neither addresses nor content.
 */
final class SesEmailSenderProvider implements EmailSenderProvider {

    private static final Logger LOG = Logger.getLogger(SesEmailSenderProvider.class);

    private final SesClient ses;
    private final Optional<String> configurationSet;

    SesEmailSenderProvider(SesClient ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public void send(Map<String, String> config, String address, String subject, String textBody, String htmlBody)
            throws EmailException {
        OutgoingEmail email = OutgoingEmail.from(config, address, subject, textBody, htmlBody);
        try {
            String messageId = ses.sendEmail(request(email)).messageId();
            LOG.debugf("SES accepted an email for %s as %s", EmailAddresses.mask(email.to()), messageId);
        } catch (SdkException e) {
            String reason = e instanceof AwsServiceException service ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            LOG.warnf("SES did not send an email for %s: %s", EmailAddresses.mask(email.to()), reason);
            throw new EmailException("SES did not send the email (" + reason + ")", e);
        }
    }

    @Override
    public void validate(Map<String, String> config) throws EmailException {
        OutgoingEmail.mailbox(config.get("from"), config.get("fromDisplayName"), "sender");
    }

    private SendEmailRequest request(OutgoingEmail email) {
        Body.Builder body = Body.builder();
        if (email.text() != null) {
            body.text(utf8(email.text()));
        }
        if (email.html() != null) {
            body.html(utf8(email.html()));
        }
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .source(email.source())
                .destination(d -> d.toAddresses(email.to()))
                .message(Message.builder().subject(utf8(email.subject())).body(body.build()).build());
        email.replyTo().ifPresent(request::replyToAddresses);
        configurationSet.ifPresent(request::configurationSetName);
        return request.build();
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }

    @Override
    public void close() {
        // The client belongs to the factory.
    }
}

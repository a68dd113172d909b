package io.emailcode.keycloak.spi.email;

import io.emailcode.keycloak.mail.MailDelivery;
import io.emailcode.keycloak.mail.MailException;
import io.emailcode.keycloak.mail.MailAddress;
import io.emailcode.keycloak.mail.OutgoingEmail;
import io.emailcode.keycloak.mail.RealmEmailSettings;
import java.util.Map;
import java.util.Optional;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;

/**
 * Keycloak's email sender backed by Amazon SES: every email Keycloak sends for a realm (codes, password
 * resets, verification) goes through here when the server runs with {@code --spi-email-sender--provider=ses}.
 * Per request and cheap: the SES client belongs to the factory.
 */
public final class SesEmailSenderProvider implements EmailSenderProvider {

    private final MailDelivery gateway;

    public SesEmailSenderProvider(MailDelivery gateway) {
        this.gateway = gateway;
    }

    @Override
    public void send(Map<String, String> config, String address, String subject, String textBody, String htmlBody)
            throws EmailException {
        if (isEmpty(textBody) && isEmpty(htmlBody)) {
            throw new EmailException("The email has neither a text nor an HTML body");
        }
        try {
            RealmEmailSettings realm = RealmEmailSettings.from(config);
            MailAddress to = MailAddress.parse(address, "recipient");
            gateway.send(new OutgoingEmail(realm.from(), realm.replyTo(), realm.envelopeFrom(), to,
                    singleLine(subject), Optional.ofNullable(textBody).filter(b -> !b.isEmpty()),
                    Optional.ofNullable(htmlBody).filter(b -> !b.isEmpty())));
        } catch (MailException e) {
            // The message is safe by construction; the cause is deliberately not passed on.
            throw new EmailException(e.getMessage());
        }
    }

    /** Checks a realm's email settings as far as SES is concerned, without sending anything. */
    @Override
    public void validate(Map<String, String> config) throws EmailException {
        try {
            RealmEmailSettings.from(config);
        } catch (MailException e) {
            throw new EmailException(e.getMessage());
        }
    }

    @Override
    public void close() {
    }

    // A subject is one header line; a template that renders a line break must not end it early.
    private static String singleLine(String subject) {
        return subject == null ? "" : subject.replaceAll("[\\r\\n\\u2028\\u2029]+", " ").strip();
    }

    private static boolean isEmpty(String body) {
        return body == null || body.isEmpty();
    }
}

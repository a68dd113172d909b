package io.emailcode.keycloak.email;

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

    private final SesEmailGateway gateway;

    public SesEmailSenderProvider(SesEmailGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void send(Map<String, String> config, String address, String subject, String textBody, String htmlBody)
            throws EmailException {
        RealmEmailSettings realm = RealmEmailSettings.from(config);
        MailAddress to = MailAddress.parse(address, "recipient");
        if (isEmpty(textBody) && isEmpty(htmlBody)) {
            throw new EmailException("The email has neither a text nor an HTML body");
        }
        gateway.send(new OutgoingEmail(realm.from(), realm.replyTo(), realm.envelopeFrom(), to,
                singleLine(subject), Optional.ofNullable(textBody).filter(b -> !b.isEmpty()),
                Optional.ofNullable(htmlBody).filter(b -> !b.isEmpty())));
    }

    /** Checks a realm's email settings as far as SES is concerned, without sending anything. */
    @Override
    public void validate(Map<String, String> config) throws EmailException {
        RealmEmailSettings.from(config);
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

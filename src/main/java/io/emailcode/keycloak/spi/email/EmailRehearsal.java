package io.emailcode.keycloak.spi.email;

import io.emailcode.keycloak.mail.MailDelivery;
import io.emailcode.keycloak.mail.RealmEmailSettings;
import java.util.Map;
import org.keycloak.email.EmailException;

/**
 * One code email's way through the sender as Keycloak hands it over (the realm's settings, the recipient, both
 * bodies), for the SES client's rehearsal at start ({@code SesEmailGateway#rehearse}): made-up addresses at a
 * reserved domain, a delivery on loopback that sends nothing.
 */
final class EmailRehearsal implements Runnable {

    private static final Map<String, String> REALM = Map.of(RealmEmailSettings.FROM, "no-reply@example.com",
            RealmEmailSettings.FROM_DISPLAY_NAME, "Rehearsal");
    private static final String TO = "rehearsal@example.com";
    private static final String TEXT = "Your sign-in code\n\n000000\n\n".repeat(8);
    private static final String HTML = "<!DOCTYPE html><html lang=\"en\"><body><p>Your sign-in code</p><p>000000</p></body></html>"
            .repeat(16);

    private final SesEmailSenderProvider sender;

    EmailRehearsal(MailDelivery delivery) {
        this.sender = new SesEmailSenderProvider(delivery);
    }

    @Override
    public void run() {
        try {
            sender.send(REALM, TO, "Your sign-in code", TEXT, HTML);
        } catch (EmailException e) {
            throw new IllegalStateException("The rehearsal's email was refused", e);
        }
    }
}

package io.emailcode.keycloak.mail;

/** Where checked, rendered emails are handed over for delivery. */
public interface MailDelivery {

    /** Delivers the email and returns the service's message id. */
    String send(OutgoingEmail email) throws MailException;
}

package io.emailcode.keycloak.mail;

/**
 * An email could not be built or delivered. The message is safe to log and never holds an address, a subject or
 * a body: delivery services quote addresses in their own error texts, so those never become a message or a cause.
 */
public class MailException extends Exception {

    public MailException(String message) {
        super(message);
    }
}

package io.emailcode.keycloak.spi.authenticator;

import org.keycloak.models.KeycloakSession;

/** An email waiting in {@link CodeEmails}'s queue, sent off the request thread in a session of its own. */
interface QueuedEmail {

    /** For logs: the recipient masked. */
    String maskedAddress();

    /** Renders and sends it, in the task's own session. */
    void send(CodeMailer mailer, KeycloakSession session);

    /** It will not be sent: its request rolled back, or the server stopped before it left. */
    void dropped(CodeMailer mailer);
}

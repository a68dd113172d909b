package io.emailcode.keycloak.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * One email ready for delivery: checked addresses and the rendered content. Either body may be absent, not both.
 */
public record OutgoingEmail(Mailbox from, Optional<Mailbox> replyTo, Optional<MailAddress> returnPath,
                            MailAddress to, String subject, Optional<String> text, Optional<String> html) {

    public OutgoingEmail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (text.isEmpty() && html.isEmpty()) {
            throw new IllegalArgumentException("An email needs a text or an HTML body");
        }
    }
}

package io.emailcode.keycloak.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.keycloak.email.EmailException;

/**
 * One email as the realm's settings and a template describe it, checked before anything is sent:
 * every address must be exactly one mailbox, so no input can add recipients or headers.
 * Display names are RFC 2047-encoded when they are not plain ASCII.
 */
record OutgoingEmail(String source, Optional<String> replyTo, String to, String subject, String text, String html) {

    static OutgoingEmail from(Map<String, String> realmEmailSettings, String to, String subject, String text, String html)
            throws EmailException {
        String source = mailbox(realmEmailSettings.get("from"), realmEmailSettings.get("fromDisplayName"), "sender");
        String replyTo = realmEmailSettings.get("replyTo");
        Optional<String> reply = replyTo == null || replyTo.isBlank() ? Optional.empty()
                : Optional.of(mailbox(replyTo, realmEmailSettings.get("replyToDisplayName"), "reply-to"));
        String recipient = mailbox(to, null, "recipient");
        if (subject == null || subject.contains("\r") || subject.contains("\n")) {
            throw new EmailException("The subject must be a single line");
        }
        return new OutgoingEmail(source, reply, recipient, subject, text, html);
    }

    /** Validates one address and formats it with its display name; the message never quotes the address. */
    static String mailbox(String address, String displayName, String role) throws EmailException {
        if (address == null || address.isBlank() || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new EmailException("The " + role + " address is missing or malformed");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(address.trim(), true);
            if (parsed.length != 1 || parsed[0].getPersonal() != null) {
                throw new EmailException("The " + role + " address must be exactly one mailbox");
            }
            parsed[0].validate();
            if (displayName == null || displayName.isBlank()) {
                return parsed[0].getAddress();
            }
            return new InternetAddress(parsed[0].getAddress(), displayName.replaceAll("[\\r\\n]", " "),
                    StandardCharsets.UTF_8.name()).toString();
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new EmailException("The " + role + " address is malformed");
        }
    }
}

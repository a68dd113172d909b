package io.emailcode.keycloak.mail;

import java.util.Map;
import java.util.Optional;


/**
 * The parts of a realm's email settings (admin console: Realm settings, Email) that SES uses.
 * SMTP connection keys (host, port, auth, TLS) mean nothing to SES and are ignored.
 *
 * @param from         the sender, with the realm's display name
 * @param replyTo      where replies go, if the realm sets it
 * @param envelopeFrom the bounce address (SES {@code ReturnPath}), if the realm sets it
 */
public record RealmEmailSettings(Mailbox from, Optional<Mailbox> replyTo, Optional<MailAddress> envelopeFrom) {

    public static final String FROM = "from";
    public static final String FROM_DISPLAY_NAME = "fromDisplayName";
    public static final String REPLY_TO = "replyTo";
    public static final String REPLY_TO_DISPLAY_NAME = "replyToDisplayName";
    public static final String ENVELOPE_FROM = "envelopeFrom";

    public static RealmEmailSettings from(Map<String, String> config) throws MailException {
        Map<String, String> settings = config == null ? Map.of() : config;
        Mailbox from = Mailbox.of(MailAddress.parse(settings.get(FROM), FROM),
                settings.get(FROM_DISPLAY_NAME), FROM_DISPLAY_NAME);
        Optional<Mailbox> replyTo = Optional.empty();
        if (isSet(settings.get(REPLY_TO))) {
            replyTo = Optional.of(Mailbox.of(MailAddress.parse(settings.get(REPLY_TO), REPLY_TO),
                    settings.get(REPLY_TO_DISPLAY_NAME), REPLY_TO_DISPLAY_NAME));
        }
        Optional<MailAddress> envelopeFrom = Optional.empty();
        if (isSet(settings.get(ENVELOPE_FROM))) {
            envelopeFrom = Optional.of(MailAddress.parse(settings.get(ENVELOPE_FROM), ENVELOPE_FROM));
        }
        return new RealmEmailSettings(from, replyTo, envelopeFrom);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}

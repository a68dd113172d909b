package io.emailcode.keycloak.code;

import io.emailcode.keycloak.mail.DomainNames;
import io.emailcode.keycloak.mail.MailAddress;
import io.emailcode.keycloak.mail.MailException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalising, checking and masking the addresses people type. An address is accepted exactly when the mailer
 * could send to it ({@link MailAddress}: one mailbox, a dot-atom local part, a valid domain), and one mailbox has
 * one form: Unicode NFC, the domain in its ASCII form by UTS #46 non-transitional processing ({@link DomainNames}),
 * everything lower case. Local parts are treated as case-insensitive, as every large mail provider does; dots and
 * "+tags" are kept, since providers differ on them: only the send budgets count one mailbox behind them
 * ({@link #budgetMailbox}).
 */
public final class EmailAddresses {

    private static final List<String> GMAIL_DOMAINS = List.of("gmail.com", "googlemail.com");

    private EmailAddresses() {
    }

    /** The canonical form, or empty when the input is not an address the mailer would send to. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String composed = Normalizer.normalize(typed.strip(), Normalizer.Form.NFC);
        try {
            return Optional.of(MailAddress.parse(composed, "typed").value().toLowerCase(Locale.ROOT));
        } catch (MailException e) {
            return Optional.empty();
        }
    }

    /**
     * The forms an account may have stored a normalised address in: as is, and with an internationalised domain in
     * Unicode (Keycloak keeps what was typed when the account was made).
     */
    public static List<String> storedForms(String normalised) {
        int at = normalised.lastIndexOf('@');
        String unicode = normalised.substring(0, at + 1) + DomainNames.toUnicode(normalised.substring(at + 1)).toLowerCase(Locale.ROOT);
        return unicode.equals(normalised) ? List.of(normalised) : List.of(normalised, unicode);
    }

    /**
     * The mailbox a normalised address delivers to, as far as send budgets are concerned: the local part without
     * its sub-address tag ({@code alice+news@example.com} is {@code alice@example.com}) and, for Gmail only (which
     * ignores dots and answers to both of its domains), without dots and at {@code gmail.com}. Never an identity: the
     * account, the code's slot and the email's recipient stay the address as typed.
     */
    public static String budgetMailbox(String normalised) {
        int at = normalised.lastIndexOf('@');
        String local = normalised.substring(0, at);
        String domain = normalised.substring(at + 1);
        int tag = local.indexOf('+');
        if (tag > 0) {
            local = local.substring(0, tag);
        }
        if (GMAIL_DOMAINS.contains(domain)) {
            return local.replace(".", "") + "@" + GMAIL_DOMAINS.get(0);
        }
        return local + "@" + domain;
    }

    /** {@code alice@example.com} becomes {@code a***@example.com}: enough to recognise, not to harvest. */
    public static String mask(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }
}

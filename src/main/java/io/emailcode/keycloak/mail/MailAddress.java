package io.emailcode.keycloak.mail;

import java.util.Locale;
import java.util.regex.Pattern;


/**
 * One mailbox address (an RFC 5322 addr-spec), checked strictly enough that it can only ever be a single
 * recipient: no display name, no list, no comments, no quoted local part, no control characters. That is what
 * keeps realm settings and user input from adding headers or recipients to an email.
 * The domain is held in its ASCII (Punycode) form because SES v1 accepts only 7-bit addresses.
 */
public final class MailAddress {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART_LENGTH = 64;
    // RFC 5322 dot-atom: atext runs separated by single dots.
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final String localPart;
    private final String domain;

    private MailAddress(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
    }

    /**
     * @param role what the address is for, e.g. {@code from} or {@code recipient}; used in the error message,
     *             which never repeats the value itself
     */
    public static MailAddress parse(String value, String role) throws MailException {
        if (value == null || value.isBlank()) {
            throw new MailException("The " + role + " address is missing");
        }
        String trimmed = value.strip();
        int at = trimmed.lastIndexOf('@');
        if (hasControlCharacter(value) || at <= 0 || at == trimmed.length() - 1) {
            throw invalid(role);
        }
        String localPart = trimmed.substring(0, at);
        String domain = asciiDomain(trimmed.substring(at + 1));
        if (domain == null
                || localPart.length() > MAX_LOCAL_PART_LENGTH
                || !LOCAL_PART.matcher(localPart).matches()
                || localPart.length() + 1 + domain.length() > MAX_LENGTH) {
            throw invalid(role);
        }
        return new MailAddress(localPart, domain);
    }

    /** The addr-spec as SES expects it, e.g. {@code alice@example.com}. */
    public String value() {
        return localPart + "@" + domain;
    }

    /** A form safe for logs: first character of the local part and the domain, e.g. {@code a***@example.com}. */
    public String masked() {
        return localPart.charAt(0) + "***@" + domain;
    }

    private static String asciiDomain(String domain) {
        // Internationalised domains are legal in addresses; SES v1 needs their Punycode form.
        String ascii = DomainNames.toAscii(domain).map(a -> a.toLowerCase(Locale.ROOT)).orElse(null);
        if (ascii == null) {
            return null;
        }
        // At least two labels: a dotless domain is not deliverable on the internet.
        if (ascii.isEmpty() || ascii.length() > 253 || !ascii.contains(".")) {
            return null;
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return ascii;
    }

    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || c == 0x2028 || c == 0x2029);
    }

    private static MailException invalid(String role) {
        return new MailException("The " + role + " address is not a single valid mailbox address");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MailAddress that && localPart.equals(that.localPart) && domain.equals(that.domain);
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    /** Masked on purpose, so an address cannot reach a log line by accident. */
    @Override
    public String toString() {
        return masked();
    }
}

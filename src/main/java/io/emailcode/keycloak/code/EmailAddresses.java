package io.emailcode.keycloak.code;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Normalising, checking and masking the addresses people type. */
public final class EmailAddresses {

    // Deliberately simple: one @, no spaces or control characters, a dot in the domain. SES does the rest.
    private static final Pattern PLAUSIBLE = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]{2,}$");
    private static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /** The canonical form (trimmed, lower case), or empty when the input is not a plausible address. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String address = typed.trim().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_LENGTH || !PLAUSIBLE.matcher(address).matches()) {
            return Optional.empty();
        }
        return Optional.of(address);
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

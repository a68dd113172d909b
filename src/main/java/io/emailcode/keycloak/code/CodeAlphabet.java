package io.emailcode.keycloak.code;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The characters a code is made of. */
public enum CodeAlphabet {
    /** 0-9: easiest to type on phones. */
    DIGITS("0123456789"),
    /** Upper-case letters and digits without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, 2/Z). */
    ALPHANUMERIC("34679ACDEFGHJKMNPQRTUVWXY");

    /** What people (and mail apps) put between groups of a code: any space or dash. */
    private static final String SEPARATORS = "[\\s\\p{Z}\\p{Pd}]";
    /** Longer input is not searched for a code: a code page never needs more, and the search stays cheap. */
    private static final int MAX_SEARCHED = 256;

    private final String symbols;

    CodeAlphabet(String symbols) {
        this.symbols = symbols;
    }

    public String symbols() {
        return symbols;
    }

    /** Brings typed input to the canonical form codes are generated in: no spaces or dashes, upper case. */
    public String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String compact = typed.replaceAll(SEPARATORS, "");
        return this == DIGITS ? compact : compact.toUpperCase(Locale.ROOT);
    }

    /**
     * The one code a submission carries: the typed text without spaces and dashes when that is a code of
     * {@code length}; otherwise the only code-shaped group in it (a pasted line such as "Your code: 482 913").
     * Never more than one candidate, so a paste cannot try several codes at once; without a single candidate
     * the normalised text is returned, to be checked (and refused) like any other wrong code.
     */
    public String candidate(String typed, int length) {
        String compact = normalise(typed);
        if (isCode(compact, length) || typed == null || typed.length() > MAX_SEARCHED) {
            return compact;
        }
        String symbol = "[" + symbols + "]";
        // A group of exactly `length` symbols, single separators allowed, not part of a longer word or number.
        Pattern group = Pattern.compile("(?<![\\p{L}\\p{N}])" + symbol
                + "(?:" + SEPARATORS + "?" + symbol + "){" + (length - 1) + "}(?![\\p{L}\\p{N}])");
        Matcher m = group.matcher(this == DIGITS ? typed : typed.toUpperCase(Locale.ROOT));
        if (!m.find()) {
            return compact;
        }
        String found = normalise(m.group());
        return m.find() ? compact : found;
    }

    private boolean isCode(String compact, int length) {
        return compact.length() == length && compact.chars().allMatch(c -> symbols.indexOf(c) >= 0);
    }
}

package io.emailcode.keycloak.code;

/** The characters a code is made of. */
public enum CodeAlphabet {
    /** 0-9: easiest to type on phones. */
    DIGITS("0123456789"),
    /** Upper-case letters and digits without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, 2/Z). */
    ALPHANUMERIC("34679ACDEFGHJKMNPQRTUVWXY");

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
        String compact = typed.replaceAll("[\\s-]", "");
        return this == DIGITS ? compact : compact.toUpperCase(java.util.Locale.ROOT);
    }
}

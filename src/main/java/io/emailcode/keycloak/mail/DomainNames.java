package io.emailcode.keycloak.mail;

import com.ibm.icu.text.IDNA;
import java.util.Optional;

/**
 * Domain names as their owners mean them: UTS #46 processing, non-transitional (IDNA2008's behaviour), so
 * {@code faß.de} stays {@code faß.de} ({@code xn--fa-hia.de}) and is never folded into {@code fass.de}, and joiners
 * that a script needs are kept where IDNA2008's context rules allow them. With STD3 rules, the bidi rule and the
 * joiner (CONTEXTJ) rule checked; any error makes the name invalid rather than changed.
 */
public final class DomainNames {

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);

    private DomainNames() {
    }

    /** The ASCII (Punycode) form, lower case, e.g. {@code xn--fa-hia.de}; empty when the name is not valid. */
    public static Optional<String> toAscii(String domain) {
        IDNA.Info info = new IDNA.Info();
        String ascii = UTS46.nameToASCII(domain, new StringBuilder(), info).toString();
        return info.hasErrors() ? Optional.empty() : Optional.of(ascii);
    }

    /** The Unicode form of a valid ASCII name, e.g. {@code faß.de}; the name as given when it is not valid. */
    public static String toUnicode(String asciiDomain) {
        IDNA.Info info = new IDNA.Info();
        String unicode = UTS46.nameToUnicode(asciiDomain, new StringBuilder(), info).toString();
        return info.hasErrors() ? asciiDomain : unicode;
    }
}

package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertEquals(Optional.of("alice@example.com"), EmailAddresses.normalise("  Alice@Example.COM "));
    }

    @Test
    void oneMailboxHasOneFormWhateverUnicodeFormOrDomainSpellingWasTyped() {
        String composed = "j\u00f6rg@b\u00fccher.de";
        String decomposed = "jo\u0308rg@bu\u0308cher.de";
        // A non-ASCII local part cannot be sent through SES v1: refused, in either Unicode form.
        assertEquals(Optional.empty(), EmailAddresses.normalise(composed));
        assertEquals(Optional.empty(), EmailAddresses.normalise(decomposed));
        assertEquals(Optional.of("jorg@xn--bcher-kva.de"), EmailAddresses.normalise("Jorg@B\u00dcCHER.de"));
        assertEquals(Optional.of("jorg@xn--bcher-kva.de"), EmailAddresses.normalise("jorg@bu\u0308cher.de"));
        assertEquals(Optional.of("jorg@xn--bcher-kva.de"), EmailAddresses.normalise("jorg@xn--bcher-kva.de"));
    }

    @Test
    void anInternationalisedDomainIsLookedUpInBothForms() {
        assertEquals(List.of("jorg@xn--bcher-kva.de", "jorg@b\u00fccher.de"), EmailAddresses.storedForms("jorg@xn--bcher-kva.de"));
        assertEquals(List.of("alice@example.com"), EmailAddresses.storedForms("alice@example.com"));
    }

    @Test
    void plusTagsAndDotsAreKeptAsDistinctMailboxes() {
        assertEquals(Optional.of("a.lice+news@example.com"), EmailAddresses.normalise("A.Lice+News@example.com"));
    }

    @Test
    void anythingTheMailerWouldRefuseIsRefused() {
        for (String bad : new String[]{null, "", "alice", "alice@", "@example.com", "a b@example.com",
                "alice@example", "alice@example.com\r\nBcc: x@y.com", "a@b@example.com", "x".repeat(250) + "@example.com",
                "\"quoted local\"@example.com", "Alice <alice@example.com>", "alice@example.com, bob@example.com",
                "alice@-example.com", "alice@exa_mple.com", "alice@example.com\u0000", "\u202ealice@example.com"}) {
            assertTrue(EmailAddresses.normalise(bad).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void maskKeepsTheFirstCharacterAndTheDomain() {
        assertEquals("a***@example.com", EmailAddresses.mask("alice@example.com"));
        assertEquals("***", EmailAddresses.mask("not-an-address"));
    }

    @Test
    void aSharpSIsKeptAsTheOwnersOfItsDomainMeanIt() {
        assertEquals(Optional.of("x@xn--fa-hia.de"), EmailAddresses.normalise("x@fa\u00df.de"));
        assertEquals(Optional.of("x@fass.de"), EmailAddresses.normalise("x@FASS.de"), "another domain, another address");
        assertEquals(List.of("x@xn--fa-hia.de", "x@fa\u00df.de"), EmailAddresses.storedForms("x@xn--fa-hia.de"));
    }

    @Test
    void joinersAreKeptWhereTheirScriptNeedsThemAndRefusedWhereTheyWouldHideAnotherName() {
        // Devanagari KA, VIRAMA, ZERO WIDTH NON-JOINER, SSA: the joiner is part of the name (IDNA2008's CONTEXTJ).
        String withJoiner = EmailAddresses.normalise("x@\u0915\u094d\u200c\u0937.in").orElseThrow();
        String withoutJoiner = EmailAddresses.normalise("x@\u0915\u094d\u0937.in").orElseThrow();
        assertNotEquals(withoutJoiner, withJoiner);
        // Between Latin letters a joiner is invisible: not silently dropped (which made it example.com), refused.
        assertEquals(Optional.empty(), EmailAddresses.normalise("x@exa\u200cmple.com"));
        assertEquals(Optional.empty(), EmailAddresses.normalise("x@exa\u200dmple.com"));
    }

    @Test
    void aLabelMixingRightToLeftAndLeftToRightIsRefused() {
        assertEquals(Optional.empty(), EmailAddresses.normalise("x@a\u05d0.com"), "the bidi rule");
        assertTrue(EmailAddresses.normalise("x@\u05e9\u05dc\u05d5\u05dd.co.il").isPresent(), "a Hebrew label alone is fine");
    }

    @Test
    void theBudgetMailboxDropsTheSubAddressTag() {
        assertEquals("alice@example.com", EmailAddresses.budgetMailbox("alice+news@example.com"));
        assertEquals("alice@example.com", EmailAddresses.budgetMailbox("alice+a+b@example.com"));
        assertEquals("alice@example.com", EmailAddresses.budgetMailbox("alice@example.com"));
        assertEquals("+news@example.com", EmailAddresses.budgetMailbox("+news@example.com"), "no mailbox name to keep");
        assertEquals("a.lice@example.com", EmailAddresses.budgetMailbox("a.lice+x@example.com"), "dots count outside Gmail");
    }

    @Test
    void atGmailDotsDoNotCountAndBothDomainsAreOneMailbox() {
        assertEquals("alice@gmail.com", EmailAddresses.budgetMailbox("a.l.ice+x@gmail.com"));
        assertEquals("alice@gmail.com", EmailAddresses.budgetMailbox("al.ice@googlemail.com"));
        assertEquals("a.lice@gmail.com.example", EmailAddresses.budgetMailbox("a.lice@gmail.com.example"));
    }
}

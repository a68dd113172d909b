package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What people type or paste into the code field, and the one code the server checks for it. */
class TypedCodeTest {

    @Test
    void spacesAndDashesBetweenGroupsAreIgnored() {
        assertEquals("482913", CodeAlphabet.DIGITS.candidate(" 482 913 ", 6));
        assertEquals("482913", CodeAlphabet.DIGITS.candidate("482-913", 6));
        assertEquals("482913", CodeAlphabet.DIGITS.candidate("482\u00a0913", 6), "a no-break space from a mail app");
        assertEquals("482913", CodeAlphabet.DIGITS.candidate("482\u2013913", 6), "an en dash");
    }

    @Test
    void aPastedLineOfTheEmailGivesItsOneCode() {
        assertEquals("482913", CodeAlphabet.DIGITS.candidate("Use this code to sign in to Demo: 482913", 6));
        assertEquals("482913", CodeAlphabet.DIGITS.candidate("482913 is your sign-in code for Demo.", 6));
        assertEquals("48291377", CodeAlphabet.DIGITS.candidate("Your code: 4829 1377\n", 8));
        assertEquals("ACD34F", CodeAlphabet.ALPHANUMERIC.candidate("Your code: acd 34f", 6));
    }

    @Test
    void twoCodeShapedGroupsGiveNoCandidateButTheWholeText() {
        assertEquals("482913or111111", CodeAlphabet.DIGITS.candidate("482913 or 111111", 6));
    }

    @Test
    void aLongerRunOfDigitsIsNotCutToSize() {
        assertEquals("codeis1234567", CodeAlphabet.DIGITS.candidate("code is 1234567", 6));
    }

    @Test
    void nothingTypedIsNothing() {
        assertEquals("", CodeAlphabet.DIGITS.candidate(null, 6));
        assertEquals("", CodeAlphabet.DIGITS.candidate("   ", 6));
    }

    @Test
    void veryLongInputIsNotSearched() {
        String pasted = "x".repeat(300) + " 482913";
        assertEquals(pasted.replace(" ", ""), CodeAlphabet.DIGITS.candidate(pasted, 6));
    }
}

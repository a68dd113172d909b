package io.emailcode.keycloak.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeGeneratorTest {

    private final CodeGenerator generator = new CodeGenerator(new SecureRandom());

    @Test
    void digitCodesHaveTheRequestedLengthAndOnlyDigits() {
        for (int length = 6; length <= 10; length++) {
            String code = generator.generate(CodeAlphabet.DIGITS, length);
            assertEquals(length, code.length());
            assertTrue(code.matches("[0-9]+"), code);
        }
    }

    @Test
    void alphanumericCodesAvoidLookAlikes() {
        for (int i = 0; i < 200; i++) {
            String code = generator.generate(CodeAlphabet.ALPHANUMERIC, 8);
            assertTrue(code.matches("[^01OIL58BSZ2]{8}"), code);
        }
    }

    @Test
    void everyDigitIsAboutEquallyLikely() {
        Map<Character, Integer> counts = new HashMap<>();
        int draws = 0;
        for (int i = 0; i < 5_000; i++) {
            for (char c : generator.generate(CodeAlphabet.DIGITS, 6).toCharArray()) {
                counts.merge(c, 1, Integer::sum);
                draws++;
            }
        }
        double expected = draws / 10.0;
        for (int count : counts.values()) {
            assertTrue(Math.abs(count - expected) < expected * 0.1, "skewed digit distribution: " + counts);
        }
    }

    @Test
    void codesDoNotRepeatInPractice() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            seen.add(generator.generate(CodeAlphabet.DIGITS, 10));
        }
        assertEquals(1_000, seen.size());
    }

    @Test
    void typedInputIsNormalisedToTheGeneratedForm() {
        assertEquals("123456", CodeAlphabet.DIGITS.normalise(" 123 456 "));
        assertEquals("ACD-34".replace("-", ""), CodeAlphabet.ALPHANUMERIC.normalise("acd-34"));
        assertEquals("", CodeAlphabet.DIGITS.normalise(null));
    }
}

package io.emailcode.keycloak.system;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A seeded generator of hostile input: each case starts from a family of known-bad shapes (empty, huge, control
 * characters, CR/LF, right-to-left text, template syntax, markup, SQL, odd addresses) and is mutated at random
 * (repeated, joined with another family, wrapped in an address), so every seed finds cases no list would. One seed
 * gives the same cases every time; the suite prints it, and {@code -Dattack.seed=N} replays a failure.
 */
final class HostileInputs {

    /** Template syntax that, if evaluated anywhere, would print this marker. */
    static final String EVALUATED = "ev4luated";
    static final String EVALUATED_IN_PIECES = "\"ev4lu\" + \"ated\"";

    private static final List<Function<Random, String>> FAMILIES = List.of(
            r -> "",
            r -> "x".repeat(100 * 1024),
            r -> "\u0000" + word(r) + "\u0000",
            r -> word(r) + "\r\nBcc: victim@example.com\r\n",
            r -> word(r) + "%0d%0aX-Injected: 1",
            r -> "\u202e" + word(r) + "\u202d\u05e9\u05dc\u05d5\u05dd",
            r -> "${" + EVALUATED_IN_PIECES + "}",
            r -> "<#assign x = " + EVALUATED_IN_PIECES + ">${x}",
            r -> "#{" + EVALUATED_IN_PIECES + "}",
            r -> "<script>alert('" + word(r) + "')</script>",
            r -> "\"><img src=x onerror=alert(1)>",
            r -> "' OR '1'='1'; DROP TABLE users; --",
            r -> "{\"$ne\": null}",
            r -> "\"quoted local\"@example.com",
            r -> word(r) + "@b\u00fccher.example",
            r -> "j\u00f6rg@example.com",
            r -> word(r) + "@" + word(r) + "@example.com",
            r -> "Alice <alice@example.com>",
            r -> "alice@example.com, bob@example.com",
            r -> "../../../../etc/passwd",
            r -> "\ud83d\ude00\ud83d\udd11" + word(r),
            r -> "%s%s%s%n",
            r -> "\\u0000\\r\\n" + word(r),
            r -> String.valueOf(r.nextLong()),
            r -> "123 456",
            r -> "12-34-56",
            r -> "0".repeat(r.nextInt(2000)));

    private final Random random;
    private final long seed;

    HostileInputs(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** {@code -Dattack.seed}, or the fixed CI seed. */
    static HostileInputs fromSystemProperty() {
        return new HostileInputs(Long.getLong("attack.seed", 20_261_201L));
    }

    long seed() {
        return seed;
    }

    String next() {
        String value = FAMILIES.get(random.nextInt(FAMILIES.size())).apply(random);
        switch (random.nextInt(5)) {
            case 0 -> value = value + FAMILIES.get(random.nextInt(FAMILIES.size())).apply(random);
            case 1 -> value = value.repeat(1 + random.nextInt(3));
            case 2 -> value = value + "@example.com";
            default -> {
            }
        }
        return value;
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 3 + random.nextInt(8); i < n; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}

package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator with access to the logs and the tables could read: no code the tests have seen, and no
 * email address in a table. The SES emulator's own log is left out: it is the mailbox, where codes belong.
 * A code counts as written when it stands as a word of its own: with hundreds of six-digit codes, plain
 * substrings turn up by chance inside ids, hashes and numbers (a user id {@code 5b052056-...}, {@code 12.671000 s}).
 */
final class SecretsCheck {

    /** Letters and digits, with dots inside numbers and versions kept in the word. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*");

    private SecretsCheck() {
    }

    static void assertNothingLeaked(LocalStack stack, Set<String> codes) {
        List<Path> logs = new java.util.ArrayList<>(stack.keycloak().logs());
        logs.addAll(List.of(stack.dynamodb().log(), stack.cognito().log()));
        assertNothingLeaked(logs,
                stack.dynamodb().endpoint(), List.of(LocalStack.TABLE, LocalStack.MIRROR_QUEUE_TABLE), codes);
    }

    /** The same for any set of logs and the tables of one DynamoDB endpoint. */
    static void assertNothingLeaked(List<Path> logs, URI dynamodb, List<String> tables, Set<String> codes) {
        Map<String, Set<String>> places = new LinkedHashMap<>();
        for (Path log : logs) {
            places.put(log.toString(), words(read(log)));
        }
        for (String table : tables) {
            String dump = TableDump.of(dynamodb, table);
            assertFalse(dump.contains("@"), "an email address is stored in plain text in table " + table);
            places.put("table " + table, words(dump));
        }
        codes.forEach(code -> places.forEach((place, words) ->
                assertFalse(words.contains(code), "a code the tests saw appears in " + place)));
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

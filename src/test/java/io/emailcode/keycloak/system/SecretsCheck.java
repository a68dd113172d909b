package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator with access to the logs and the tables could read: no code the tests have seen, and no
 * email address in a table. The SES emulator's own log is left out: it is the mailbox, where codes belong.
 */
final class SecretsCheck {

    private SecretsCheck() {
    }

    static void assertNothingLeaked(LocalStack stack, Set<String> codes) {
        assertNothingLeaked(List.of(stack.keycloak().log(), stack.dynamodb().log(), stack.cognito().log()),
                stack.dynamodb().endpoint(), List.of(LocalStack.TABLE, LocalStack.MIRROR_QUEUE_TABLE), codes);
    }

    /** The same for any set of logs and the tables of one DynamoDB endpoint. */
    static void assertNothingLeaked(List<Path> logs, URI dynamodb, List<String> tables, Set<String> codes) {
        Map<String, String> places = new LinkedHashMap<>();
        for (Path log : logs) {
            places.put(log.toString(), read(log));
        }
        for (String table : tables) {
            String dump = TableDump.of(dynamodb, table);
            assertFalse(dump.contains("@"), "an email address is stored in plain text in table " + table);
            places.put("table " + table, dump);
        }
        codes.forEach(code -> places.forEach((place, text) ->
                assertFalse(text.contains(code), "a code the tests saw appears in " + place)));
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

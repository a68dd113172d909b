package io.emailcode.keycloak.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adversarial suite's figures: each attack test records what it measured, and when the test run ends the table
 * is printed and written to {@code target/attack-figures.md}, from which {@code docs/security.md} quotes.
 */
public final class AttackReport implements BeforeAllCallback {

    private static final List<String[]> ROWS = new ArrayList<>();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AttackReport.class);

    /** One figure: the attack, what was measured, the value. */
    static synchronized void record(String attack, String measured, Object value) {
        ROWS.add(new String[]{attack, measured, String.valueOf(value)});
        System.out.println("Attack figure | " + attack + " | " + measured + " | " + value);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Table.class, type -> new Table(), Table.class);
    }

    /** Written once, when the whole run ends. */
    private static final class Table implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            StringBuilder table = new StringBuilder("| attack | measured | value |\n|---|---|---|\n");
            synchronized (AttackReport.class) {
                ROWS.forEach(row -> table.append("| ").append(String.join(" | ", row)).append(" |\n"));
            }
            System.out.println("\nAdversarial suite figures\n" + table);
            try {
                Path file = Path.of(System.getProperty("stack.workDir", "target/stack")).resolveSibling("attack-figures.md");
                Files.writeString(file, table.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Larger samples behind {@code -Dattack.full=true}; CI runs the short ones. */
    static int scaled(int ci, int full) {
        return fullLength() ? full : ci;
    }

    /** Whether this is the full-length run ({@code -Dattack.full=true}). */
    static boolean fullLength() {
        return Boolean.getBoolean("attack.full");
    }
}

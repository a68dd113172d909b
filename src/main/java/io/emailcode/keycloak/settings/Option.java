package io.emailcode.keycloak.settings;

import java.util.List;
import java.util.Objects;

/**
 * One setting, described once: its key, how administrators see it (label, help, choices, default) and how its
 * stored text is read and checked. The admin console's properties, Keycloak's option metadata and the parsers
 * are all built from these descriptors, so a name, a default or a range is never spelled twice.
 *
 * @param <T> the typed value the code uses
 */
public abstract class Option<T> {

    /** How the admin console should offer the setting. */
    public enum Widget { TEXT, INTEGER, BOOLEAN, LIST, MULTIVALUED_LIST }

    private final String key;
    private final String label;
    private final String help;
    private final T defaultValue;

    protected Option(String key, String label, String help, T defaultValue) {
        this.key = Objects.requireNonNull(key, "key");
        this.label = Objects.requireNonNull(label, "label");
        this.help = Objects.requireNonNull(help, "help");
        this.defaultValue = defaultValue;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String help() {
        return help;
    }

    /** The value when nothing was saved; {@code null} for a text option without one. */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Reads a stored, trimmed, non-empty text.
     *
     * @throws IllegalArgumentException whose message says what is allowed, never repeating the value
     */
    public abstract T parse(String text);

    /** The stored form of a value, e.g. for the console's default. */
    public abstract String format(T value);

    public abstract Widget widget();

    /** The values the console offers; empty for free entry. */
    public List<String> choices() {
        return List.of();
    }

    /** What is allowed, for messages: e.g. "a whole number from 6 to 10". */
    public abstract String allowed();

    protected IllegalArgumentException invalid() {
        return new IllegalArgumentException(key + " must be " + allowed());
    }
}

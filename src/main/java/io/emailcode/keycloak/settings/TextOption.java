package io.emailcode.keycloak.settings;

import java.util.function.Predicate;

/** Free text, optionally checked by a rule described in words. */
public final class TextOption extends Option<String> {

    private final Predicate<String> rule;
    private final String allowed;

    private TextOption(String key, String label, String help, String defaultValue, Predicate<String> rule, String allowed) {
        super(key, label, help, defaultValue);
        this.rule = rule;
        this.allowed = allowed;
    }

    /** Any non-empty text; {@code defaultValue} may be null (nothing configured). */
    public static TextOption any(String key, String help, String defaultValue) {
        return new TextOption(key, key, help, defaultValue, text -> true, "a non-empty text");
    }

    public static TextOption checked(String key, String help, String defaultValue, Predicate<String> rule, String allowed) {
        return new TextOption(key, key, help, defaultValue, rule, allowed);
    }

    /** Checked text with a label of its own for the admin console; nothing saved means none. */
    public static TextOption labelled(String key, String label, String help, Predicate<String> rule, String allowed) {
        return new TextOption(key, label, help, null, rule, allowed);
    }

    @Override
    public String parse(String text) {
        if (!rule.test(text)) {
            throw invalid();
        }
        return text;
    }

    @Override
    public String format(String value) {
        return value;
    }

    @Override
    public Widget widget() {
        return Widget.TEXT;
    }

    @Override
    public String allowed() {
        return allowed;
    }
}

package io.emailcode.keycloak.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads settings an administrator saved (a flow step's config, a realm's attributes): a missing or blank value
 * means the option's default; a malformed one is recorded as a problem and also yields the default, so every
 * problem is reported at once.
 */
public final class SavedValues {

    private final Map<String, String> saved;
    private final List<String> problems = new ArrayList<>();

    public SavedValues(Map<String, String> saved) {
        this.saved = saved == null ? Map.of() : saved;
    }

    public <T> T get(Option<T> option) {
        String raw = saved.get(option.key());
        if (raw == null || raw.isBlank()) {
            return option.defaultValue();
        }
        try {
            return option.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return option.defaultValue();
        }
    }

    /** A problem that involves more than one value. */
    public void problem(String problem) {
        problems.add(problem);
    }

    public <T> Parsed<T> result(T value) {
        return new Parsed<>(value, problems);
    }
}

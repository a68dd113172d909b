package io.emailcode.keycloak.settings;

import java.util.List;

/** Settings read from what was saved, with what was wrong with it; {@code value} is only usable when valid. */
public record Parsed<T>(T value, List<String> problems) {

    public Parsed {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}

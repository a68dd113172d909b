package io.emailcode.keycloak.flow;

import java.util.List;
import java.util.Objects;

/**
 * A message on the code page: a theme message key with its parameters, shown as information, as an error of the
 * page, or as an error bound to the code field.
 */
public record Notice(String key, Kind kind, List<Object> parameters) {

    public enum Kind { INFO, ERROR, FIELD_ERROR }

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        parameters = List.copyOf(parameters);
    }

    public static Notice info(String key, Object... parameters) {
        return new Notice(key, Kind.INFO, List.of(parameters));
    }

    public static Notice error(String key, Object... parameters) {
        return new Notice(key, Kind.ERROR, List.of(parameters));
    }

    public static Notice fieldError(String key) {
        return new Notice(key, Kind.FIELD_ERROR, List.of());
    }
}

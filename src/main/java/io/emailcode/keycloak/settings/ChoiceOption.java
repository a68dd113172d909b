package io.emailcode.keycloak.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One constant of an enum, stored by name (case does not matter when read). */
public final class ChoiceOption<E extends Enum<E>> extends Option<E> {

    private final Class<E> type;

    public ChoiceOption(String key, String label, String help, Class<E> type, E defaultValue) {
        super(key, label, help, defaultValue);
        this.type = type;
    }

    @Override
    public E parse(String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    @Override
    public String format(E value) {
        return value.name();
    }

    @Override
    public Widget widget() {
        return Widget.LIST;
    }

    @Override
    public List<String> choices() {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    @Override
    public String allowed() {
        return "one of " + String.join(", ", choices());
    }
}

package io.emailcode.keycloak.settings;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Some of a fixed list of names, stored the way Keycloak stores a multi-valued list: joined by {@code ##}. */
public final class SubsetOption extends Option<Set<String>> {

    private static final String DELIMITER = "##";
    private final List<String> names;

    public SubsetOption(String key, String label, String help, List<String> names, Set<String> defaultValue) {
        super(key, label, help, Set.copyOf(defaultValue));
        this.names = List.copyOf(names);
    }

    @Override
    public Set<String> parse(String text) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : text.split(DELIMITER)) {
            if (name.isBlank()) {
                continue;
            }
            if (!names.contains(name.trim())) {
                throw invalid();
            }
            chosen.add(name.trim());
        }
        return Set.copyOf(chosen);
    }

    @Override
    public String format(Set<String> value) {
        return String.join(DELIMITER, names.stream().filter(value::contains).toList());
    }

    @Override
    public Widget widget() {
        return Widget.MULTIVALUED_LIST;
    }

    @Override
    public List<String> choices() {
        return names;
    }

    @Override
    public String allowed() {
        return "some of " + String.join(", ", names);
    }
}

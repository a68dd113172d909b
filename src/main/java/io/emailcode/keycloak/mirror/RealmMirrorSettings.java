package io.emailcode.keycloak.mirror;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How one realm mirrors its users, as a realm administrator set it on the "Email code" step.
 * Off when nothing was saved: users are copied to another system only when an administrator chose it.
 *
 * @param mode       off, best effort (never in the way of a sign-in) or required (sign-in waits for the pool)
 * @param username   what becomes the pool username of a new pool user
 * @param attributes optional attributes mirrored besides the address
 */
public record RealmMirrorSettings(Mode mode, UsernameStrategy username, Set<String> attributes) {

    public static final String MODE = "mirror.mode";
    public static final String USERNAME = "mirror.username";
    public static final String ATTRIBUTES = "mirror.attributes";
    /** The only optional attributes offered: the ones a Keycloak user has and every pool accepts. */
    public static final List<String> OPTIONAL_ATTRIBUTES = List.of("given_name", "family_name");
    /** How Keycloak stores a multi-valued list setting. */
    private static final String LIST_DELIMITER = "##";

    public static final RealmMirrorSettings OFF = new RealmMirrorSettings(Mode.OFF, UsernameStrategy.EMAIL,
            Set.copyOf(OPTIONAL_ATTRIBUTES));

    public enum Mode { OFF, BEST_EFFORT, REQUIRED }

    public enum UsernameStrategy { EMAIL, USER_ID }

    public RealmMirrorSettings {
        attributes = Set.copyOf(attributes);
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public String usernameFor(String userId, String email) {
        return username == UsernameStrategy.USER_ID ? userId : email;
    }

    /** The outcome of parsing saved step settings: settings, or what is wrong with them. */
    public record Parsed(RealmMirrorSettings settings, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Parsed parse(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>();
        Mode mode = choice(values.get(MODE), Mode.class, Mode.OFF, MODE, problems);
        UsernameStrategy username = choice(values.get(USERNAME), UsernameStrategy.class, UsernameStrategy.EMAIL, USERNAME, problems);
        Set<String> attributes = new LinkedHashSet<>(OPTIONAL_ATTRIBUTES);
        String raw = values.get(ATTRIBUTES);
        if (raw != null) {
            attributes.clear();
            for (String name : raw.split(LIST_DELIMITER)) {
                if (name.isBlank()) {
                    continue;
                }
                if (OPTIONAL_ATTRIBUTES.contains(name.trim())) {
                    attributes.add(name.trim());
                } else {
                    problems.add(ATTRIBUTES + " may only list " + String.join(", ", OPTIONAL_ATTRIBUTES));
                }
            }
        }
        return new Parsed(new RealmMirrorSettings(mode, username, attributes), List.copyOf(problems));
    }

    private static <E extends Enum<E>> E choice(String raw, Class<E> type, E fallback, String key, List<String> problems) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(key + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return fallback;
        }
    }
}
